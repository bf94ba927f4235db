package io.switchboard.testing;

import io.switchboard.auth.TokenMinter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running Switchboard the scenarios talk to: the standalone server started by a test, or the WAR deployed in
 * WildFly or Payara. Scenarios only know this interface, so the same ones run against all three.
 */
public interface ServerTarget {
    /** The secret the server verifies tokens with, so tests can mint tokens of every kind. */
    String SECRET = "switchboard-test-secret-0123456789abcdef";

    /** The application's base, ending in {@code /} (a WAR adds its context path). */
    URI base();

    default URI http(String path) {
        return base().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    default URI ws(String pathAndQuery) {
        URI http = http(pathAndQuery);
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    default TokenMinter minter() {
        return new TokenMinter(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    default String userToken(String userId) {
        return minter().user(userId, userId + "-name", Duration.ofHours(1), List.of("user"));
    }

    default String adminToken() {
        return minter().user("root", "root", Duration.ofHours(1), List.of("admin"));
    }

    default String tokenWith(Map<String, ?> claims, Duration lifetime) {
        return minter().mint(claims, lifetime);
    }
}
