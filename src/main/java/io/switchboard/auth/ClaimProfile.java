package io.switchboard.auth;

import java.util.List;

/** Which claims a token must carry for a use (SPEC §3): users on /ws need the full set of seed 003. */
public enum ClaimProfile {
    USER(List.of("sub", "username", "email", "exp", "iat", "jti")),
    DEVICE(List.of("sub", "exp")),
    ADMIN(List.of("sub", "exp"));

    private final List<String> required;

    ClaimProfile(List<String> required) {
        this.required = required;
    }

    public List<String> required() {
        return required;
    }
}
