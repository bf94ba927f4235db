package io.switchboard.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One outbound WebSocket message, already encoded: a broadcast is encoded once and the same frame object is
 * queued to every receiver. Transports that write raw bytes also frame it once ({@link #wire}): a server's frames
 * are unmasked, so the bytes on the wire are the same for every receiver.
 */
public final class Frame {
    /** The keepalive's WebSocket ping, empty: the same object for every connection. */
    static final Frame PING = new Frame(null, ByteBuffer.allocate(0).asReadOnlyBuffer(), 0x9);

    private final String text;
    private final ByteBuffer binary;
    private final int opcode;
    private volatile byte[] wire;

    public Frame(String text, ByteBuffer binary) {
        this(text, binary, text != null ? 0x1 : 0x2);
        if ((text == null) == (binary == null)) {
            throw new IllegalArgumentException("a frame is either text or binary");
        }
    }

    private Frame(String text, ByteBuffer binary, int opcode) {
        this.text = text;
        this.binary = binary;
        this.opcode = opcode;
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
        int hdr = n < 126 ? 2 : n < 65536 ? 4 : 10;
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
