package io.switchboard.auth;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.testing.FuzzInput;
import io.switchboard.testing.FuzzTarget;
import io.switchboard.testing.RawJwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The token verifier on arbitrary input (issue 12): a token is accepted or refused with a reason, never an exception
 * and never a hang. {@link #anyToken} gives it any text; {@link #signedClaims} gets past the signature, to the claims
 * and the header, with any bytes signed by the verifier's own secret. The clock is fixed (2030-01-01) so that the
 * seed tokens of the corpus ({@code src/test/resources/io/switchboard/auth/TokenFuzzTestInputs/<method>/}) keep
 * their meaning: an {@code exp} of 1924992000 (2031) is valid, 1893456000 (2030-01-01) just expired.
 */
class TokenFuzzTest {
    static final String SECRET = "a-secret-that-is-at-least-32-bytes-long";
    private static final byte[] HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALID_CLAIMS = ("{\"sub\":\"u1\",\"username\":\"una\",\"email\":\"u@x.test\","
            + "\"iat\":1893000000,\"exp\":1924992000,\"jti\":\"j1\",\"roles\":[\"user\"]}").getBytes(StandardCharsets.UTF_8);
    private static final TokenVerifier VERIFIER = new TokenVerifier(
            Settings.load(ConfigSource.of(Map.of(Settings.JWT_SECRET, SECRET))),
            Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTarget
    void anyToken(byte[] input) {
        for (String token : FuzzInput.texts(input)) {
            verifies(token);
        }
    }

    /** The input as the claims of an HS256 token, and as the header of a token with valid claims, both signed. */
    @FuzzTarget
    void signedClaims(byte[] input) {
        verifies(RawJwt.hmac("HS256", SECRET, HS256, input));
        verifies(RawJwt.hmac("HS256", SECRET, input, VALID_CLAIMS));
    }

    private static void verifies(String token) {
        for (ClaimProfile profile : ClaimProfile.values()) {
            TokenCheck check = VERIFIER.verify(token, profile);
            assertNotNull(check);
            if (check instanceof TokenCheck.Refused refused) {
                assertNotNull(refused.reason());
                assertNotNull(refused.message());
            } else {
                Principal p = assertInstanceOf(TokenCheck.Accepted.class, check).principal();
                // Every profile requires sub: an accepted token names someone.
                assertNotNull(p.subject());
                assertFalse(p.subject().isBlank(), "accepted with a blank subject");
                assertNotNull(p.username());
                assertNotNull(p.roles());
            }
        }
    }
}
