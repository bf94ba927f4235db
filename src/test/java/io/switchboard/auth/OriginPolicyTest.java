package io.switchboard.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {
    @Test
    void unsetMeansTheSameHostOnly() {
        OriginPolicy p = new OriginPolicy(List.of());
        assertTrue(p.allows("http://localhost:8080", "localhost:8080"));
        assertTrue(p.allows(null, "localhost:8080"), "non-browser clients send no Origin");
        assertFalse(p.allows("http://evil.example", "localhost:8080"));
        assertFalse(p.allows("http://localhost:9999", "localhost:8080"));
    }

    @Test
    void aListAllowsExactlyItsOrigins() {
        OriginPolicy p = new OriginPolicy(List.of("https://app.example", "https://admin.example/"));
        assertTrue(p.allows("https://app.example", "hub.example"));
        assertTrue(p.allows("https://ADMIN.example", "hub.example"));
        assertFalse(p.allows("https://app.example.evil", "hub.example"));
    }

    @Test
    void aStarAllowsAny() {
        assertTrue(new OriginPolicy(List.of("*")).allows("http://anything.example", "hub.example"));
    }
}
