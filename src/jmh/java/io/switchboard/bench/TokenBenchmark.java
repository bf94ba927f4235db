package io.switchboard.bench;

import io.switchboard.auth.ClaimProfile;
import io.switchboard.auth.TokenCheck;
import io.switchboard.auth.TokenMinter;
import io.switchboard.auth.TokenVerifier;
import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JWT check of a handshake (HS256, the claims of a {@code /ws} user): what a connection storm of distinct users
 * pays per connect for it. Tokens are all different, more of them than the verifier's cache holds, so every check
 * is a real one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TokenBenchmark {
    private static final String SECRET = "jmh-secret-0123456789abcdef0123456789abcdef";
    private static final int TOKENS = 20_000;

    private TokenVerifier verifier;
    private String[] tokens;
    private int next;

    @Setup
    public void mint() {
        verifier = new TokenVerifier(Settings.load(ConfigSource.of(Map.of(Settings.JWT_SECRET, SECRET,
                Settings.DATABASE_URL, "none"))), Clock.systemUTC());
        TokenMinter minter = new TokenMinter(SECRET.getBytes(StandardCharsets.UTF_8));
        tokens = new String[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            tokens[i] = minter.user("user-" + i, "User " + i, Duration.ofHours(1), List.of("user"));
        }
    }

    /** One handshake's token check, never from the cache. */
    @Benchmark
    public TokenCheck verifyDistinctToken() {
        String token = tokens[next];
        next = next + 1 == TOKENS ? 0 : next + 1;
        return verifier.verify(token, ClaimProfile.USER);
    }
}
