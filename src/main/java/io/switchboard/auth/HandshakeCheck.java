package io.switchboard.auth;

import io.switchboard.limits.ConnectionsPerUser;
import io.switchboard.limits.HandshakeRate;
import io.switchboard.limits.LimitCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides whether an upgrade request may become a connection (SPEC §3, §12, §13): the limits on handshakes and
 * connections ({@link #admit}), the Origin check, then the token with the claim profile of the endpoint. {@code /ws} always needs a user token; device endpoints may admit
 * anonymous devices, but a token that is presented is still checked.
 */
@ApplicationScoped
public class HandshakeCheck {
    @Inject
    Authenticator authenticator;
    @Inject
    HandshakeRate handshakeRate;
    @Inject
    ConnectionsPerUser connectionsPerUser;
    @Inject
    LimitCounts limits;

    /**
     * What the handshake guards of both runtimes ask (the Grizzly filter standalone, the servlet filter in the WAR),
     * once per upgrade request: SWITCHBOARD_HANDSHAKE_RATE for the client's address first (before any token is
     * verified, so that a flood costs little), then {@link #check}, then SWITCHBOARD_MAX_CONNECTIONS_PER_USER for a
     * {@code /ws} user. The Configurator, which runs after a guard, asks only {@link #check}.
     *
     * @param clientAddress the TCP peer's address
     */
    public TokenCheck admit(HandshakeRequest request, String clientAddress) {
        if (!handshakeRate.allow(clientAddress)) {
            limits.handshakeRefused();
            return TokenCheck.refused(TokenCheck.Reason.TOO_MANY_HANDSHAKES,
                    "too many handshakes from " + clientAddress + "; try again in a second");
        }
        TokenCheck result = check(request);
        if (result instanceof TokenCheck.Accepted accepted && isUserEndpoint(request.path())
                && !connectionsPerUser.allowsAnother(accepted.principal().subject())) {
            limits.connectionRefused();
            return TokenCheck.refused(TokenCheck.Reason.TOO_MANY_CONNECTIONS, "too many connections");
        }
        return result;
    }

    public TokenCheck check(HandshakeRequest request) {
        if (!authenticator.originAllowed(request.header("Origin").orElse(null), request.header("Host").orElse(null))) {
            return TokenCheck.refused(TokenCheck.Reason.FORBIDDEN_ORIGIN, "origin not allowed");
        }
        boolean userEndpoint = isUserEndpoint(request.path());
        var token = request.token();
        if (token.isEmpty() && !userEndpoint && authenticator.anonymousDevicesAllowed()) {
            return new TokenCheck.Accepted(Principal.anonymousDevice());
        }
        return authenticator.authenticate(token.orElse(null), userEndpoint ? ClaimProfile.USER : ClaimProfile.DEVICE);
    }

    /** HTTP status for a refusal: 403 for a foreign Origin, 429 over a limit, 401 for everything about the token. */
    public static int httpStatus(TokenCheck.Refused refused) {
        return switch (refused.reason()) {
            case FORBIDDEN_ORIGIN -> 403;
            case TOO_MANY_HANDSHAKES, TOO_MANY_CONNECTIONS -> 429;
            case MISSING, INVALID, EXPIRED, REVOKED, BLOCKED -> 401;
        };
    }

    static boolean isUserEndpoint(String path) {
        return path != null && (path.equals("/ws") || path.endsWith("/ws"));
    }
}
