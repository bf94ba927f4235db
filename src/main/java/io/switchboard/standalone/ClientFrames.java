package io.switchboard.standalone;

import java.nio.ByteBuffer;

/**
 * Follows the frame boundaries of one connection's incoming bytes to enforce what Tyrus does not: every frame a
 * client sends is masked (RFC 6455 §5.1: a server closes the connection with 1002 when one is not). Only frame
 * headers are looked at, a byte at a time; payloads are skipped by length, so the cost per read is a few dozen
 * bytes whatever the size of the messages. Tyrus still parses everything itself.
 */
final class ClientFrames {
    private static final int FIRST = 0;
    private static final int LENGTH = 1;
    private static final int EXTENDED_LENGTH = 2;
    private static final int MASK = 3;

    private int state = FIRST;
    /** Bytes still to come of the extended length or of the mask. */
    private int left;
    private long length;
    private long payloadLeft;
    private boolean broken;

    /**
     * Looks at the next bytes of the stream (without moving {@code bytes}' position).
     *
     * @return false once an unmasked frame has been seen, for these bytes and all later ones
     */
    boolean accept(ByteBuffer bytes) {
        int at = bytes.position();
        int end = bytes.limit();
        while (at < end && !broken) {
            if (payloadLeft > 0) {
                long skip = Math.min(payloadLeft, end - at);
                at += (int) skip;
                payloadLeft -= skip;
                continue;
            }
            int b = bytes.get(at++) & 0xFF;
            switch (state) {
                case FIRST -> state = LENGTH;
                case LENGTH -> {
                    if ((b & 0x80) == 0) {
                        broken = true;
                        break;
                    }
                    int code = b & 0x7F;
                    if (code < 126) {
                        length = code;
                        left = 4;
                        state = MASK;
                    } else {
                        length = 0;
                        left = code == 126 ? 2 : 8;
                        state = EXTENDED_LENGTH;
                    }
                }
                case EXTENDED_LENGTH -> {
                    length = (length << 8) | b;
                    if (--left == 0) {
                        left = 4;
                        state = MASK;
                    }
                }
                default -> {
                    if (--left == 0) {
                        payloadLeft = length;
                        state = FIRST;
                    }
                }
            }
        }
        return !broken;
    }
}
