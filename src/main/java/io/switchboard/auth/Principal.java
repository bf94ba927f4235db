package io.switchboard.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who is on the other end of a connection or an admin call, as proven by a verified token. Anonymous devices
 * (allowed only with SWITCHBOARD_ANONYMOUS_DEVICES) carry no token: no expiry, no jti.
 */
public record Principal(
        String subject,
        String username,
        String email,
        Set<String> roles,
        Optional<String> tokenId,
        Optional<Instant> expiresAt,
        Optional<String> deviceId) {

    public static Principal anonymousDevice() {
        return new Principal("", "", "", Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isAnonymous() {
        return subject.isEmpty();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether this principal may speak for the device id it announces (SPEC §3: {@code sub} or {@code device_id}). */
    public boolean mayActAsDevice(String announced) {
        return isAnonymous() || subject.equals(announced) || deviceId.map(announced::equals).orElse(false);
    }
}
