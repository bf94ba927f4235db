package io.switchboard.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.Keys;
import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;

import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a JWT and says why it refused one. A plain class (no container types) so that the WebSocket
 * Configurator, the servlet filter of the WAR and the admin API all use exactly the same rules, and so that
 * it can be tested on its own.
 *
 * <p>The algorithm is pinned by the key: HS256 for a shared secret, RS256 or ES256 for a public key. jjwt
 * refuses {@code alg: none} when a verification key is set.
 */
public final class TokenVerifier {
    /** Tokens verified lately, so that a handshake checked twice (guard, Configurator) or a reconnect is cheap. */
    static final int CACHE_SIZE = 1024;
    private final JwtParser parser;
    private final String pinnedAlgorithm;
    private final Clock clock;
    private final java.time.Duration skew;
    private final Map<String, Principal> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Principal> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public TokenVerifier(Settings settings, Clock clock) {
        this.clock = clock;
        this.skew = settings.jwtClockSkew();
        Key key;
        if (settings.jwtSecret().isPresent()) {
            key = Keys.hmacShaKeyFor(settings.jwtSecret().get());
            pinnedAlgorithm = "HS256";
        } else if (settings.jwtPublicKeyPem().isPresent()) {
            PublicKey publicKey = parsePublicKey(settings.jwtPublicKeyPem().get());
            key = publicKey;
            pinnedAlgorithm = publicKey instanceof RSAPublicKey ? "RS256" : "ES256";
        } else {
            throw new ConfigException(Settings.JWT_SECRET, "no JWT key configured");
        }
        JwtParserBuilder builder = Jwts.parser()
                .json(new JwtJson.Deserializer())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(settings.jwtClockSkew().toSeconds());
        if (key instanceof PublicKey pk) {
            builder.verifyWith(pk);
        } else {
            builder.verifyWith((javax.crypto.SecretKey) key);
        }
        settings.jwtIssuer().ifPresent(builder::requireIssuer);
        settings.jwtAudience().ifPresent(builder::requireAudience);
        parser = builder.build();
    }

    public TokenCheck verify(String token, ClaimProfile profile) {
        if (token == null || token.isBlank()) {
            return TokenCheck.refused(TokenCheck.Reason.MISSING, "no token");
        }
        String key = profile.name() + ' ' + token.trim();
        Principal known;
        synchronized (verified) {
            known = verified.get(key);
        }
        if (known != null) {
            // Signature and claims cannot change for the same token text; only time moves (nbf was already past).
            if (known.expiresAt().map(exp -> exp.plus(skew).isBefore(clock.instant())).orElse(false)) {
                return TokenCheck.refused(TokenCheck.Reason.EXPIRED, "token expired");
            }
            return new TokenCheck.Accepted(known);
        }
        TokenCheck check = parseAndCheck(token.trim(), profile);
        if (check instanceof TokenCheck.Accepted accepted) {
            synchronized (verified) {
                verified.put(key, accepted.principal());
            }
        }
        return check;
    }

    private TokenCheck parseAndCheck(String token, ClaimProfile profile) {
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(token);
        } catch (ExpiredJwtException e) {
            return TokenCheck.refused(TokenCheck.Reason.EXPIRED, "token expired");
        } catch (PrematureJwtException e) {
            return TokenCheck.refused(TokenCheck.Reason.INVALID, "token not valid yet");
        } catch (JwtException | IllegalArgumentException e) {
            return TokenCheck.refused(TokenCheck.Reason.INVALID, "invalid token: " + describe(e));
        }
        String alg = jws.getHeader().getAlgorithm();
        if (!pinnedAlgorithm.equals(alg)) {
            return TokenCheck.refused(TokenCheck.Reason.INVALID, "invalid token: algorithm " + alg + " not accepted");
        }
        Claims claims = jws.getPayload();
        for (String claim : profile.required()) {
            Object value = claims.get(claim);
            if (value == null || value.toString().isBlank()) {
                return TokenCheck.refused(TokenCheck.Reason.INVALID, "invalid token: missing claim '" + claim + "'");
            }
        }
        Set<String> roles;
        try {
            roles = roles(claims.get("roles"));
        } catch (IllegalArgumentException e) {
            return TokenCheck.refused(TokenCheck.Reason.INVALID, "invalid token: " + e.getMessage());
        }
        return new TokenCheck.Accepted(new Principal(
                claims.getSubject(),
                string(claims, "username").orElse(claims.getSubject()),
                string(claims, "email").orElse(""),
                roles,
                Optional.ofNullable(claims.getId()),
                Optional.ofNullable(claims.getExpiration()).map(Date::toInstant),
                string(claims, "device_id")));
    }

    private static Optional<String> string(Claims claims, String name) {
        Object v = claims.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    /** {@code roles}: a JSON array of strings, or one space-separated string (SPEC §12). */
    static Set<String> roles(Object claim) {
        Set<String> roles = new LinkedHashSet<>();
        if (claim == null) {
            return roles;
        }
        if (claim instanceof Collection<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("'roles' must hold strings");
                }
                roles.add(s);
            }
        } else if (claim instanceof String s) {
            for (String r : s.trim().split("\\s+")) {
                if (!r.isEmpty()) {
                    roles.add(r);
                }
            }
        } else {
            throw new IllegalArgumentException("'roles' must be an array of strings or a string");
        }
        return roles;
    }

    private static String describe(Exception e) {
        String simple = e.getClass().getSimpleName().replace("Exception", "").replace("Jwt", "");
        return switch (simple) {
            case "Signature", "Security" -> "bad signature";
            case "Malformed" -> "malformed";
            case "Unsupported" -> "unsigned or unsupported token";
            case "WeakKey" -> "algorithm not accepted";
            case "MissingClaim", "IncorrectClaim" -> e.getMessage();
            default -> simple.isEmpty() ? "rejected" : simple.toLowerCase(java.util.Locale.ROOT);
        };
    }

    static PublicKey parsePublicKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Settings.JWT_PUBLIC_KEY_FILE, "not a PEM public key");
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof RSAPublicKey || key instanceof ECPublicKey) {
                    return key;
                }
            } catch (Exception ignored) {
                // try the next key type
            }
        }
        throw new ConfigException(Settings.JWT_PUBLIC_KEY_FILE, "not an RSA or EC public key in PEM (X.509) form");
    }
}
