package io.switchboard.standalone;

import io.switchboard.standalone.ClientFrames.Verdict;
import io.switchboard.testing.FuzzInput;
import io.switchboard.testing.FuzzTarget;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@link ClientFrames#accept} on arbitrary bytes in arbitrary reads (issue 12): it returns a verdict — never an
 * exception, never a hang — leaves the bytes where they were for Tyrus, keeps a refusal for good, and comes to the
 * same verdict however the stream is cut into reads. The first input byte chooses the reads (a seed for their
 * sizes); the rest is the stream a client sends. The limit is small, so that short inputs can pass it. Seed corpus:
 * {@code src/test/resources/io/switchboard/standalone/ClientFramesFuzzTestInputs/stream/}.
 */
class ClientFramesFuzzTest {
    private static final int LIMIT = 300;

    @FuzzTarget
    void stream(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        Verdict whole = feed(stream, new int[] {stream.length});
        Random cuts = new Random(input[0]);
        int[] reads = new int[stream.length];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = 1 + cuts.nextInt(input[0] < 0 ? 3 : 20);
        }
        assertEquals(whole, feed(stream, reads), "the verdict depends on how the bytes were read");
    }

    /** Feeds {@code stream} in reads of the given sizes (the last one takes what is left); the last verdict. */
    private static Verdict feed(byte[] stream, int[] reads) {
        ClientFrames frames = new ClientFrames(LIMIT);
        Verdict verdict = Verdict.PASS;
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int size = i < reads.length - 1 ? Math.min(reads[i], stream.length - at) : stream.length - at;
            // Not at the buffer's start, as in a connection's read buffer.
            ByteBuffer read = ByteBuffer.wrap(stream, at, size);
            Verdict next = frames.accept(read);
            assertNotNull(next);
            assertEquals(at, read.position(), "the bytes are left for Tyrus");
            assertEquals(at + size, read.limit(), "the bytes are left for Tyrus");
            if (verdict != Verdict.PASS) {
                assertEquals(verdict, next, "refused for good");
            }
            verdict = next;
            assertEquals(verdict, frames.verdict());
            at += size;
        }
        return verdict;
    }
}
