package io.switchboard.auth;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs HS256 tokens with a shared secret: the development mode's printed tokens, the load tool and tests.
 * Production tokens come from the users' identity provider, not from here.
 */
public final class TokenMinter {
    private final byte[] secret;

    public TokenMinter(byte[] secret) {
        this.secret = secret.clone();
    }

    public String user(String userId, String username, Duration lifetime, List<String> roles) {
        return mint(Map.of("sub", userId, "username", username, "email", username + "@example.test",
                "roles", roles), lifetime);
    }

    public String device(String deviceId, Duration lifetime) {
        return mint(Map.of("sub", deviceId, "device_id", deviceId, "roles", List.of("device")), lifetime);
    }

    /** Any claims; {@code iat}, {@code exp} and {@code jti} are added unless given. */
    public String mint(Map<String, ?> claims, Duration lifetime) {
        Instant now = Instant.now();
        var builder = Jwts.builder()
                .json(new JwtJson.Serializer())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)));
        claims.forEach(builder::claim);
        return builder.signWith(Keys.hmacShaKeyFor(secret), Jwts.SIG.HS256).compact();
    }
}
