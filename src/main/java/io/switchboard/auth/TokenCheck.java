package io.switchboard.auth;

/** The outcome of checking a token: a principal, or a refusal that tells expired from invalid from missing. */
public sealed interface TokenCheck {

    record Accepted(Principal principal) implements TokenCheck {
    }

    record Refused(Reason reason, String message) implements TokenCheck {
    }

    enum Reason {
        MISSING, INVALID, EXPIRED, REVOKED, BLOCKED, FORBIDDEN_ORIGIN,
        /** Over SWITCHBOARD_HANDSHAKE_RATE (the client's address) or SWITCHBOARD_MAX_CONNECTIONS_PER_USER: 429. */
        TOO_MANY_HANDSHAKES, TOO_MANY_CONNECTIONS
    }

    static TokenCheck refused(Reason reason, String message) {
        return new Refused(reason, message);
    }
}
