package io.switchboard.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-made tokens for the refusal cases a well-behaved JWT library will not produce (alg none, HS512). */
public final class RawJwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private RawJwt() {
    }

    public static String unsigned(String payloadJson) {
        return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    public static String hmac(String alg, String secret, String payloadJson) {
        return hmac(alg, secret, ("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8),
                payloadJson.getBytes(StandardCharsets.UTF_8));
    }

    /** A token of any header and payload bytes, signed with {@code secret} by {@code alg} (HS256/384/512). */
    public static String hmac(String alg, String secret, byte[] header, byte[] payload) {
        String javaAlg = switch (alg) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException(alg);
        };
        String signingInput = B64.encodeToString(header) + "." + B64.encodeToString(payload);
        try {
            Mac mac = Mac.getInstance(javaAlg);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaAlg));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A full /ws claim set for user {@code sub}, valid from now for {@code seconds}. */
    public static String claims(String sub, long seconds) {
        long now = System.currentTimeMillis() / 1000;
        return "{\"sub\":\"" + sub + "\",\"username\":\"" + sub + "\",\"email\":\"" + sub + "@x.test\",\"iat\":" + now
                + ",\"exp\":" + (now + seconds) + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
    }
}
