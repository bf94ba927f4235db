package io.switchboard.testing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Jazzer fuzz test (docs/architecture.md, "Fuzzing") with the per-input time limit that makes a hang a finding:
 * JUnit applies it to each seed of the corpus in regression mode (in a separate thread, so that a seed that spins
 * for ever fails instead of stopping the build), Jazzer passes it to libFuzzer ({@code -timeout}) when fuzzing. {@link FuzzTest}'s own {@code maxDuration} (5 minutes) bounds a fuzzing run.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Timeout(value = FuzzInput.SECONDS_PER_INPUT, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@FuzzTest
public @interface FuzzTarget {
}
