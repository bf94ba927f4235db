package io.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the fuzz tests (docs/architecture.md, "Fuzzing") make of the fuzzer's bytes. The targets take {@code byte[]}
 * so that a seed corpus file is the input itself: a JSON message, a token, an HTTP request head.
 */
public final class FuzzInput {
    /** Per input, in regression and in fuzzing mode: far above the microseconds an input takes, so only a hang. */
    public static final long SECONDS_PER_INPUT = 10;

    private FuzzInput() {
    }

    /**
     * The texts the bytes stand for: their UTF-8 reading (what a container hands over; invalid sequences become
     * U+FFFD here, where a container closes with 1007), and their UTF-16 reading, which reaches any Java string,
     * lone surrogates included.
     */
    public static List<String> texts(byte[] input) {
        return List.of(utf8(input), new String(input, StandardCharsets.UTF_16BE));
    }

    public static String utf8(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }
}
