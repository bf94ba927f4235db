package io.switchboard.admin;

import io.switchboard.auth.Authenticator;
import io.switchboard.auth.ClaimProfile;
import io.switchboard.auth.TokenCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** The admin API needs a valid token with the {@code admin} role: 401 without one, 403 without the role. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AdminAuthFilter implements ContainerRequestFilter {
    public static final String ADMIN_ROLE = "admin";

    @Inject
    Authenticator authenticator;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "an admin token is required (Authorization: Bearer)");
        }
        TokenCheck check = authenticator.authenticate(header.substring(7).trim(), ClaimProfile.ADMIN);
        if (check instanceof TokenCheck.Refused refused) {
            throw new ApiException(401, "unauthorized", refused.message());
        }
        if (!((TokenCheck.Accepted) check).principal().hasRole(ADMIN_ROLE)) {
            throw new ApiException(403, "forbidden", "the token lacks the admin role");
        }
    }
}
