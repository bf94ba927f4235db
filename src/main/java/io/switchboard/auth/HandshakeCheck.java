package io.switchboard.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides whether an upgrade request may become a connection (SPEC §3, §12): the Origin check, then the token
 * with the claim profile of the endpoint. {@code /ws} always needs a user token; device endpoints may admit
 * anonymous devices, but a token that is presented is still checked.
 */
@ApplicationScoped
public class HandshakeCheck {
    @Inject
    Authenticator authenticator;

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

    /** HTTP status for a refusal: 403 for a foreign Origin, 401 for everything about the token. */
    public static int httpStatus(TokenCheck.Refused refused) {
        return refused.reason() == TokenCheck.Reason.FORBIDDEN_ORIGIN ? 403 : 401;
    }

    static boolean isUserEndpoint(String path) {
        return path != null && (path.equals("/ws") || path.endsWith("/ws"));
    }
}
