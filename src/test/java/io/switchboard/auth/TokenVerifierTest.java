package io.switchboard.auth;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The verifier on its own: the refusal reasons it reports, issuer/audience, and public-key verification. */
class TokenVerifierTest {
    private static final String SECRET = "a-secret-that-is-at-least-32-bytes-long";

    private static TokenVerifier verifier(Map<String, String> extra) {
        var config = new java.util.HashMap<>(Map.of(Settings.JWT_SECRET, SECRET));
        config.putAll(extra);
        return new TokenVerifier(Settings.load(ConfigSource.of(config)), Clock.systemUTC());
    }

    private static TokenCheck.Reason reason(TokenCheck check) {
        return assertInstanceOf(TokenCheck.Refused.class, check).reason();
    }

    @Test
    void expiredIsToldApartFromInvalid() {
        String expired = new TokenMinter(SECRET.getBytes()).mint(Map.of("sub", "a"), Duration.ofMinutes(-5));
        assertEquals(TokenCheck.Reason.EXPIRED, reason(verifier(Map.of()).verify(expired, ClaimProfile.DEVICE)));
        assertEquals(TokenCheck.Reason.INVALID, reason(verifier(Map.of()).verify("x.y.z", ClaimProfile.DEVICE)));
        assertEquals(TokenCheck.Reason.MISSING, reason(verifier(Map.of()).verify(" ", ClaimProfile.DEVICE)));
    }

    @Test
    void theClockSkewIsHonoured() {
        String justExpired = new TokenMinter(SECRET.getBytes()).mint(Map.of("sub", "a"), Duration.ofSeconds(-10));
        assertInstanceOf(TokenCheck.Accepted.class, verifier(Map.of()).verify(justExpired, ClaimProfile.DEVICE));
        assertEquals(TokenCheck.Reason.EXPIRED,
                reason(verifier(Map.of(Settings.JWT_CLOCK_SKEW, "5")).verify(justExpired, ClaimProfile.DEVICE)));
    }

    @Test
    void issuerAndAudienceAreEnforcedWhenSet() {
        TokenMinter minter = new TokenMinter(SECRET.getBytes());
        var strict = verifier(Map.of(Settings.JWT_ISSUER, "https://id.example", Settings.JWT_AUDIENCE, "switchboard"));
        String right = minter.mint(Map.of("sub", "a", "iss", "https://id.example", "aud", "switchboard"), Duration.ofMinutes(5));
        String wrongIssuer = minter.mint(Map.of("sub", "a", "iss", "https://evil.example", "aud", "switchboard"), Duration.ofMinutes(5));
        String noAudience = minter.mint(Map.of("sub", "a", "iss", "https://id.example"), Duration.ofMinutes(5));
        assertInstanceOf(TokenCheck.Accepted.class, strict.verify(right, ClaimProfile.DEVICE));
        assertEquals(TokenCheck.Reason.INVALID, reason(strict.verify(wrongIssuer, ClaimProfile.DEVICE)));
        assertEquals(TokenCheck.Reason.INVALID, reason(strict.verify(noAudience, ClaimProfile.DEVICE)));
    }

    @Test
    void aUserTokenCarriesItsClaimsIntoThePrincipal() {
        String token = new TokenMinter(SECRET.getBytes()).user("u1", "una", Duration.ofMinutes(5), List.of("user", "admin"));
        Principal p = assertInstanceOf(TokenCheck.Accepted.class, verifier(Map.of()).verify(token, ClaimProfile.USER)).principal();
        assertEquals("u1", p.subject());
        assertEquals("una", p.username());
        assertEquals(Set.of("user", "admin"), p.roles());
    }

    @Test
    void rs256TokensVerifyWithAPublicKeyFileAndHs256IsThenRefused() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        Path pem = Files.createTempFile("switchboard-test", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        try {
            var v = new TokenVerifier(Settings.load(ConfigSource.of(Map.of(Settings.JWT_PUBLIC_KEY_FILE, pem.toString()))),
                    Clock.systemUTC());
            String rs = Jwts.builder().json(new JwtJson.Serializer()).subject("dev-9")
                    .expiration(Date.from(Instant.now().plusSeconds(60)))
                    .signWith(pair.getPrivate(), Jwts.SIG.RS256).compact();
            assertInstanceOf(TokenCheck.Accepted.class, v.verify(rs, ClaimProfile.DEVICE));
            String hs = new TokenMinter(SECRET.getBytes()).mint(Map.of("sub", "dev-9"), Duration.ofMinutes(1));
            assertEquals(TokenCheck.Reason.INVALID, reason(v.verify(hs, ClaimProfile.DEVICE)));
        } finally {
            Files.deleteIfExists(pem);
        }
    }
}
