package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client frame, byte by byte, including what RFC 6455 forbids (no mask, reserved bits, a 64-bit length with
 * its top bit set), for the protocol tests. Final and masked unless told otherwise.
 */
public final class ClientFrame {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final int opcode;
    private final byte[] payload;
    private boolean fin = true;
    private int rsv;
    private boolean masked = true;
    /** A 64-bit length field claiming this instead of the payload's length (the payload is still sent). */
    private Long declaredLength;

    private ClientFrame(int opcode, byte[] payload) {
        this.opcode = opcode;
        this.payload = payload;
    }

    public static ClientFrame of(int opcode, byte[] payload) {
        return new ClientFrame(opcode, payload);
    }

    public static ClientFrame text(String text) {
        return of(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static ClientFrame binary(int size) {
        return of(BINARY, new byte[size]);
    }

    /** A close frame with a status code and a reason. */
    public static ClientFrame close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return of(CLOSE, p);
    }

    /** Not the last frame of its message (FIN clear). */
    public ClientFrame notFinal() {
        fin = false;
        return this;
    }

    /** Sets reserved bits: 4 = RSV1, 2 = RSV2, 1 = RSV3. */
    public ClientFrame rsv(int bits) {
        rsv = bits;
        return this;
    }

    public ClientFrame unmasked() {
        masked = false;
        return this;
    }

    /** Sends the length in the 64-bit form, claiming {@code length} (RFC 6455 §5.2: its top bit must be 0). */
    public ClientFrame declaredLength(long length) {
        declaredLength = length;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        long length = declaredLength != null ? declaredLength : payload.length;
        if (declaredLength == null && length < 126) {
            f.write(maskBit | (int) length);
        } else if (declaredLength == null && length < 65536) {
            f.write(maskBit | 126);
            f.write((int) (length >> 8));
            f.write((int) length & 0xff);
        } else {
            f.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(mask);
            f.writeBytes(mask);
        }
        byte[] body = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            body[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        f.writeBytes(body);
        return f.toByteArray();
    }
}
