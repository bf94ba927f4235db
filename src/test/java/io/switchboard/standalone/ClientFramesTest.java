package io.switchboard.standalone;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientFramesTest {

    private static byte[] frame(int length, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
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

    /** Feeds {@code stream} in reads of {@code size} bytes; the result of the last read. */
    private static boolean feed(ClientFrames frames, byte[] stream, int size) {
        boolean ok = true;
        for (int at = 0; at < stream.length; at += size) {
            ByteBuffer read = ByteBuffer.wrap(stream, at, Math.min(size, stream.length - at));
            int before = read.position();
            ok = frames.accept(read);
            assertEquals(before, read.position(), "the bytes are left for Tyrus");
        }
        return ok;
    }

    @Test
    void maskedFramesOfEveryLengthPassWhateverTheReadSizes() {
        byte[] stream = concat(frame(0, true), frame(5, true), frame(125, true), frame(126, true),
                frame(70_000, true), frame(3, true));
        for (int size : new int[] {1, 2, 3, 7, 100, 4096, stream.length}) {
            assertTrue(feed(new ClientFrames(), stream, size), "read size " + size);
        }
    }

    @Test
    void anUnmaskedFrameAfterMaskedOnesIsCaughtWhateverTheReadSizes() {
        byte[] stream = concat(frame(126, true), frame(10, true), frame(4, false), frame(2, true));
        for (int size : new int[] {1, 2, 5, 131, stream.length}) {
            assertFalse(feed(new ClientFrames(), stream, size), "read size " + size);
        }
    }

    @Test
    void onceCaughtEveryLaterReadIsRefused() {
        ClientFrames frames = new ClientFrames();
        assertFalse(frames.accept(ByteBuffer.wrap(frame(1, false))));
        assertFalse(frames.accept(ByteBuffer.wrap(frame(1, true))));
    }
}
