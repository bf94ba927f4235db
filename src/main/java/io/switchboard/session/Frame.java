package io.switchboard.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One outbound WebSocket message, already encoded: a broadcast is encoded once and the same frame object is
 * queued to every receiver. Transports that write raw bytes also frame it once ({@link #wire}): a server's frames
 * are unmasked, so the bytes on the wire are the same for every receiver.
 *
 * <p>A frame may be {@link #isSheddable sheddable}: a message that a receiver which is falling behind can do
 * without (presence events), which its outbound queue drops instead of queuing ({@link OutboundQueue}).
 */
public final class Frame {
    /** The keepalive's WebSocket ping, empty: the same object for every connection. */
    static final Frame PING = new Frame(null, ByteBuffer.allocate(0).asReadOnlyBuffer(), 0x9);

    private final String text;
    private final ByteBuffer binary;
    private final int opcode;
    private final boolean sheddable;
    private volatile byte[] wire;
    /** {@link #size}, once known (0 until then: no frame is empty, it has a header). */
    private volatile int size;

    public Frame(String text, ByteBuffer binary) {
        this(text, binary, text != null ? 0x1 : 0x2);
        if ((text == null) == (binary == null)) {
            throw new IllegalArgumentException("a frame is either text or binary");
        }
    }

    private Frame(String text, ByteBuffer binary, int opcode) {
        this(text, binary, opcode, false);
    }

    private Frame(String text, ByteBuffer binary, int opcode, boolean sheddable) {
        this.text = text;
        this.binary = binary;
        this.opcode = opcode;
        this.sheddable = sheddable;
    }

    public static Frame text(String text) {
        return new Frame(Objects.requireNonNull(text), null);
    }

    public static Frame binary(ByteBuffer data) {
        return new Frame(null, data.asReadOnlyBuffer());
    }

    public String text() {
        return text;
    }

    public ByteBuffer binary() {
        return binary;
    }

    public boolean isText() {
        return text != null;
    }

    /** The same message, marked {@link #isSheddable sheddable}. */
    public Frame asSheddable() {
        Frame f = new Frame(text, binary, opcode, true);
        f.wire = wire;
        f.size = size;
        return f;
    }

    /** Whether a receiver that has much queued already may go without this frame (presence events). */
    public boolean isSheddable() {
        return sheddable;
    }

    /**
     * The frame's bytes on the wire (header and payload), what it weighs in a connection's outbound bound. Counted
     * once per frame, shared by all its receivers, without building {@link #wire} for transports that never use it.
     */
    public int size() {
        int s = size;
        if (s == 0) {
            byte[] w = wire;
            if (w != null) {
                s = w.length;
            } else {
                int n = text != null ? utf8Length(text) : binary.remaining();
                s = headerLength(n) + n;
            }
            size = s;
        }
        return s;
    }

    private static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10;
    }

    /** UTF-8 bytes of a string, counted without encoding it (unpaired surrogates count as the '?' they become). */
    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** A control frame of the keepalive, not a message: transports send it as a WebSocket ping. */
    public boolean isPing() {
        return opcode == 0x9;
    }

    /**
     * The whole WebSocket frame as a server sends it (RFC 6455 §5.2: FIN, opcode, unmasked length, payload), built on
     * first use and shared by every receiver. No extension may be in use on a connection this is written to.
     */
    public byte[] wire() {
        byte[] w = wire;
        if (w == null) {
            byte[] payload;
            if (text != null) {
                payload = text.getBytes(StandardCharsets.UTF_8);
            } else {
                ByteBuffer b = binary.duplicate();
                payload = new byte[b.remaining()];
                b.get(payload);
            }
            w = frame(opcode, payload);
            wire = w;
        }
        return w;
    }

    static byte[] frame(int opcode, byte[] payload) {
        int n = payload.length;
        int hdr = headerLength(n);
        byte[] f = new byte[hdr + n];
        f[0] = (byte) (0x80 | opcode);
        if (n < 126) {
            f[1] = (byte) n;
        } else if (n < 65536) {
            f[1] = 126;
            f[2] = (byte) (n >>> 8);
            f[3] = (byte) n;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, f, hdr, n);
        return f;
    }

    @Override
    public String toString() {
        return text != null ? "Frame[text, " + text.length() + " chars]"
                : (isPing() ? "Frame[ping, " : "Frame[binary, ") + binary.remaining() + " bytes]";
    }
}
