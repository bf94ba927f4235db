package io.switchboard.standalone;

import io.switchboard.standalone.ClientFrames.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientFramesTest {
    private static final int LIMIT = 65_536;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int PING = 0x9;

    private static byte[] frame(int length, boolean masked) {
        return frame(0x80 | TEXT, length, masked);
    }

    /** A frame whose first byte (FIN, RSV, opcode) is {@code first}. */
    private static byte[] frame(int first, int length, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(first);
        int mask = masked ? 0x80 : 0;
        if (length < 126) {
            f.write(mask | length);
        } else if (length < 65536) {
            f.write(mask | 126);
            f.write(length >> 8);
            f.write(length & 0xff);
        } else {
            f.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) length >> shift) & 0xff);
            }
        }
        if (masked) {
            f.writeBytes(new byte[] {1, 2, 3, 4});
        }
        byte[] payload = new byte[length];
        // Payload bytes that would look like unmasked headers if they were taken for one.
        Arrays.fill(payload, (byte) 0x01);
        f.writeBytes(payload);
        return f.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    /** Feeds {@code stream} in reads of {@code size} bytes; the verdict after the last read. */
    private static Verdict feed(ClientFrames frames, byte[] stream, int size) {
        Verdict verdict = Verdict.PASS;
        for (int at = 0; at < stream.length; at += size) {
            ByteBuffer read = ByteBuffer.wrap(stream, at, Math.min(size, stream.length - at));
            int before = read.position();
            verdict = frames.accept(read);
            assertEquals(before, read.position(), "the bytes are left for Tyrus");
        }
        return verdict;
    }

    private static void assertVerdict(Verdict expected, byte[] stream, int... readSizes) {
        for (int size : readSizes) {
            assertEquals(expected, feed(new ClientFrames(LIMIT), stream, size), "read size " + size);
        }
    }

    @Test
    void maskedFramesOfEveryLengthPassWhateverTheReadSizes() {
        byte[] stream = concat(frame(0, true), frame(5, true), frame(125, true), frame(126, true),
                frame(LIMIT, true), frame(3, true));
        assertVerdict(Verdict.PASS, stream, 1, 2, 3, 7, 100, 4096, stream.length);
    }

    @Test
    void anUnmaskedFrameAfterMaskedOnesIsCaughtWhateverTheReadSizes() {
        byte[] stream = concat(frame(126, true), frame(10, true), frame(4, false), frame(2, true));
        assertVerdict(Verdict.UNMASKED, stream, 1, 2, 5, 131, stream.length);
    }

    @Test
    void onceCaughtEveryLaterReadIsRefused() {
        ClientFrames frames = new ClientFrames(LIMIT);
        assertEquals(Verdict.UNMASKED, frames.accept(ByteBuffer.wrap(frame(1, false))));
        assertEquals(Verdict.UNMASKED, frames.accept(ByteBuffer.wrap(frame(1, true))));
    }

    @Test
    void aFrameOverTheLimitIsRefusedFromItsHeaderAlone() {
        byte[] header = Arrays.copyOf(frame(0x80 | BINARY, LIMIT + 1, true), 2 + 8 + 4);
        assertVerdict(Verdict.TOO_BIG, header, 1, 3, header.length);
        byte[] text = frame(LIMIT + 1, true);
        assertVerdict(Verdict.TOO_BIG, text, 1, 4096, text.length);
    }

    @Test
    void aFragmentedMessageIsLimitedByTheSumOfItsFramesButControlFramesDoNotCount() {
        int half = LIMIT / 2;
        byte[] atLimit = concat(frame(BINARY, half, true), frame(0x80 | PING, 125, true),
                frame(0x80 | CONTINUATION, half, true));
        assertVerdict(Verdict.PASS, atLimit, 1, 1000, atLimit.length);
        byte[] overLimit = concat(frame(BINARY, half, true), frame(CONTINUATION, half, true),
                frame(0x80 | CONTINUATION, 1, true));
        assertVerdict(Verdict.TOO_BIG, overLimit, 1, 1000, overLimit.length);
    }

    @Test
    void eachMessageStartsCountingAfresh() {
        byte[] stream = concat(frame(TEXT, LIMIT - 1, true), frame(0x80 | CONTINUATION, 1, true),
                frame(0x80 | BINARY, LIMIT, true), frame(BINARY, LIMIT, true), frame(0x80 | CONTINUATION, 0, true));
        assertVerdict(Verdict.PASS, stream, 7, 65_000, stream.length);
    }

    @Test
    void aLengthWithItsMostSignificantBitSetIsRefused() {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 8, 1, 2, 3, 4};
        assertVerdict(Verdict.BAD_LENGTH, header, 1, header.length);
    }
}
