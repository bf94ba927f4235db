package io.switchboard.auth;

import io.switchboard.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The application's view of a token: signature and claims (the {@link TokenVerifier}), then revocation and
 * blocking (the {@link AccessList}). Every way in — handshakes, in-band refresh, the admin API — asks here.
 */
@ApplicationScoped
public class Authenticator {
    @Inject
    Settings settings;
    @Inject
    AccessList accessList;

    private TokenVerifier verifier;
    private OriginPolicy originPolicy;

    @PostConstruct
    void init() {
        verifier = new TokenVerifier(settings, Clock.systemUTC());
        originPolicy = new OriginPolicy(settings.allowedOrigins());
    }

    public TokenCheck authenticate(String token, ClaimProfile profile) {
        TokenCheck check = verifier.verify(token, profile);
        if (check instanceof TokenCheck.Accepted accepted) {
            Principal p = accepted.principal();
            if (p.tokenId().map(accessList::isRevoked).orElse(false)) {
                return TokenCheck.refused(TokenCheck.Reason.REVOKED, "token revoked");
            }
            if (accessList.isBlocked(p.subject())) {
                return TokenCheck.refused(TokenCheck.Reason.BLOCKED, "user blocked");
            }
        }
        return check;
    }

    public boolean originAllowed(String origin, String host) {
        return originPolicy.allows(origin, host);
    }

    public boolean anonymousDevicesAllowed() {
        return settings.anonymousDevices();
    }
}
