package io.switchboard.standalone;

import jakarta.websocket.CloseReason;

import java.nio.ByteBuffer;

/**
 * Follows the frame boundaries of one connection's incoming bytes to enforce what Tyrus does not, or does too late:
 * <ul>
 *   <li>every frame a client sends is masked (RFC 6455 §5.1: a server closes the connection with 1002 when one is
 *   not);</li>
 *   <li>a 64-bit length has its most significant bit clear (§5.2; 1002);</li>
 *   <li>no message is larger than SWITCHBOARD_MAX_MESSAGE_BYTES (SPEC §12; 1009). Tyrus checks the limit only once
 *   it holds a whole frame in memory, and not at all for a binary message in one frame; here the limit is applied
 *   as soon as a frame's length is read, to the frame or to the sum of a fragmented message's frames.</li>
 * </ul>
 * Only frame headers are looked at, a byte at a time; payloads are skipped by length, so the cost per read is a few
 * dozen bytes whatever the size of the messages. Tyrus still parses everything itself.
 */
final class ClientFrames {
    /** What the frame headers seen so far say about the connection: once refused, refused for good. */
    enum Verdict {
        PASS(null),
        UNMASKED(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "unmasked client frame")),
        BAD_LENGTH(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "invalid frame length")),
        TOO_BIG(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));

        private final CloseReason closeReason;

        Verdict(CloseReason closeReason) {
            this.closeReason = closeReason;
        }

        /** How the connection is closed for it (null for {@link #PASS}). */
        CloseReason closeReason() {
            return closeReason;
        }
    }

    private static final int FIRST = 0;
    private static final int LENGTH = 1;
    private static final int EXTENDED_LENGTH = 2;
    private static final int MASK = 3;
    /** Opcodes from 8 up are control frames: not part of any message, and at most 125 bytes (Tyrus checks that). */
    private static final int FIRST_CONTROL_OPCODE = 8;

    private final long maxMessageBytes;
    private int state = FIRST;
    private boolean fin;
    private int opcode;
    /** Bytes still to come of the extended length or of the mask. */
    private int left;
    private long length;
    private long payloadLeft;
    /** Whether a fragmented message has begun and not ended, and how many payload bytes it has so far. */
    private boolean inMessage;
    private long messageBytes;
    private Verdict verdict = Verdict.PASS;

    ClientFrames(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** How long, and how much, a refused connection is read and dropped before it is closed regardless. */
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
    static final long LINGER_BYTES = 1 << 20;
    private long dropped = -1;
    private boolean finished;

    /**
     * Counts bytes of a refused connection that are read and dropped. @return true the first time (the close frame
     * is to be sent now)
     */
    boolean refuse(int bytes) {
        boolean first = dropped < 0;
        dropped = Math.max(dropped, 0) + bytes;
        return first;
    }

    /** Whether a refused connection has been read from for long enough (in bytes) to be closed now. */
    boolean lingeredEnough() {
        return dropped > LINGER_BYTES;
    }

    /** Whether the connection was refused and not yet closed for it. @return true once: close it now */
    boolean finish() {
        if (dropped < 0 || finished) {
            return false;
        }
        finished = true;
        return true;
    }

    /** The verdict that refused the connection, or PASS. */
    Verdict verdict() {
        return verdict;
    }

    /**
     * Looks at the next bytes of the stream (without moving {@code bytes}' position).
     *
     * @return {@link Verdict#PASS}, or why the connection must be closed: for these bytes and all later ones
     */
    Verdict accept(ByteBuffer bytes) {
        int at = bytes.position();
        int end = bytes.limit();
        while (at < end && verdict == Verdict.PASS) {
            if (payloadLeft > 0) {
                long skip = Math.min(payloadLeft, end - at);
                at += (int) skip;
                payloadLeft -= skip;
                continue;
            }
            int b = bytes.get(at++) & 0xFF;
            switch (state) {
                case FIRST -> {
                    fin = (b & 0x80) != 0;
                    opcode = b & 0x0F;
                    state = LENGTH;
                }
                case LENGTH -> {
                    if ((b & 0x80) == 0) {
                        verdict = Verdict.UNMASKED;
                        break;
                    }
                    int code = b & 0x7F;
                    if (code < 126) {
                        length = code;
                        lengthKnown();
                    } else {
                        length = 0;
                        left = code == 126 ? 2 : 8;
                        state = EXTENDED_LENGTH;
                    }
                }
                case EXTENDED_LENGTH -> {
                    length = (length << 8) | b;
                    if (--left == 0) {
                        lengthKnown();
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
        return verdict;
    }

    /** The frame's length has been read: judge it, then read the mask. */
    private void lengthKnown() {
        left = 4;
        state = MASK;
        if (length < 0) {
            verdict = Verdict.BAD_LENGTH;
            return;
        }
        if (opcode >= FIRST_CONTROL_OPCODE) {
            return;
        }
        long before = opcode == 0 && inMessage ? messageBytes : 0;
        if (length > maxMessageBytes - before) {
            verdict = Verdict.TOO_BIG;
            return;
        }
        messageBytes = before + length;
        inMessage = !fin;
    }
}
