package io.switchboard.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket over a non-blocking socket (RFC 6455, no extensions): the upgrade request, masked frames
 * out, unmasked frames in. Everything runs on the {@link Engine} thread. Idle connections hold no buffers: only an
 * incomplete frame's tail or an unfinished write is kept.
 */
final class WsConnection {
    /** What a scenario hears from a connection, always on the engine thread. */
    interface Listener {
        void opened(WsConnection c);

        /** A text message's UTF-8 bytes, valid only during the call. */
        void text(WsConnection c, byte[] a, int off, int len);

        /** Closed after it had opened: the server's close code, or 1006 when the socket just went away. */
        void closed(WsConnection c, int code, String reason);

        /** Never opened: a countable cause ("http 401", "timeout", "connection refused"…). */
        void failed(WsConnection c, String cause);

        default void binary(WsConnection c, byte[] a, int off, int len) {
        }
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int CONNECTING = 0, HANDSHAKE = 1, OPEN = 2, CLOSING = 3, DONE = 4;
    private static final int MAX_HEADER = 16 * 1024;

    final int index;
    final String userId;
    private final Engine engine;
    private final Listener listener;
    private final String host;
    private final String pathAndQuery;
    private SocketChannel ch;
    private SelectionKey key;
    private int state = CONNECTING;
    private String secKey;
    private byte[] partial;
    private ArrayDeque<ByteBuffer> out;
    private byte[] fragments;
    private int closeCode = -1;
    private String closeReason;
    private int fragmentOpcode;
    long startedNanos;
    long openedNanos;
    /** Scenario's own per-connection state. */
    Object attachment;

    WsConnection(Engine engine, int index, String userId, String host, String pathAndQuery, Listener listener) {
        this.engine = engine;
        this.index = index;
        this.userId = userId;
        this.host = host;
        this.pathAndQuery = pathAndQuery;
        this.listener = listener;
    }

    boolean isOpen() {
        return state == OPEN;
    }

    boolean isDone() {
        return state == DONE;
    }

    boolean isHandshaking() {
        return state == CONNECTING || state == HANDSHAKE;
    }

    void start(InetSocketAddress server, InetSocketAddress bindTo) {
        startedNanos = System.nanoTime();
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (bindTo != null) {
                ch.bind(bindTo);
            }
            if (ch.connect(server)) {
                key = engine.register(ch, 0, this);
                sendHandshake();
            } else {
                key = engine.register(ch, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | RuntimeException e) {
            fail(Failures.cause(e));
        }
    }

    void connectable() throws IOException {
        if (ch.finishConnect()) {
            sendHandshake();
        }
    }

    private void sendHandshake() throws IOException {
        state = HANDSHAKE;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        secKey = Base64.getEncoder().encodeToString(nonce);
        String req = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + secKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        key.interestOps(SelectionKey.OP_READ);
        write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
    }

    void readable() throws IOException {
        ByteBuffer b = engine.readBuffer;
        b.clear();
        if (partial != null) {
            if (partial.length > b.capacity() / 2) {
                b = ByteBuffer.allocate(partial.length * 2 + 65536);
            }
            b.put(partial);
            partial = null;
        }
        int n = ch.read(b);
        if (n < 0) {
            eof();
            return;
        }
        b.flip();
        byte[] a = b.array();
        int end = b.limit();
        int p = 0;
        if (state == HANDSHAKE) {
            p = handshakeResponse(a, end);
            if (p < 0) {
                return;
            }
        }
        p = frames(a, p, end);
        if (p < end && state != DONE) {
            partial = java.util.Arrays.copyOfRange(a, p, end);
        }
    }

    /** @return where the frames start, or -1 when the response is incomplete or refused */
    private int handshakeResponse(byte[] a, int end) {
        int headerEnd = -1;
        for (int i = 3; i < end; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                headerEnd = i + 1;
                break;
            }
        }
        if (headerEnd < 0) {
            if (end > MAX_HEADER) {
                fail("bad handshake response");
            } else {
                partial = java.util.Arrays.copyOf(a, end);
            }
            return -1;
        }
        String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int sp = head.indexOf(' ');
        String status = sp > 0 && head.length() >= sp + 4 ? head.substring(sp + 1, sp + 4) : "?";
        if (!"101".equals(status)) {
            fail("http " + status);
            return -1;
        }
        if (!head.contains(accept(secKey))) {
            fail("bad Sec-WebSocket-Accept");
            return -1;
        }
        state = OPEN;
        openedNanos = System.nanoTime();
        listener.opened(this);
        return state == OPEN ? headerEnd : -1;
    }

    private int frames(byte[] a, int p, int end) {
        while (state == OPEN || state == CLOSING) {
            if (end - p < 2) {
                return p;
            }
            int b0 = a[p] & 0xFF;
            int b1 = a[p + 1] & 0xFF;
            int op = b0 & 0x0F;
            boolean fin = (b0 & 0x80) != 0;
            long len = b1 & 0x7F;
            int hdr = 2;
            if (len == 126) {
                if (end - p < 4) {
                    return p;
                }
                len = ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF);
                hdr = 4;
            } else if (len == 127) {
                if (end - p < 10) {
                    return p;
                }
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | (a[p + 2 + i] & 0xFF);
                }
                hdr = 10;
            }
            if ((b1 & 0x80) != 0) {
                hdr += 4; // servers do not mask; tolerate it anyway by skipping the key (payload stays masked)
            }
            if (len > Integer.MAX_VALUE - 64) {
                fail("absurd frame length");
                return end;
            }
            if (end - p < hdr + len) {
                return p;
            }
            int off = p + hdr;
            int n = (int) len;
            p = off + n;
            switch (op) {
                case 0x1, 0x2 -> {
                    if (fin) {
                        deliver(op, a, off, n);
                    } else {
                        fragmentOpcode = op;
                        fragments = java.util.Arrays.copyOfRange(a, off, off + n);
                    }
                }
                case 0x0 -> {
                    if (fragments != null) {
                        byte[] joined = java.util.Arrays.copyOf(fragments, fragments.length + n);
                        System.arraycopy(a, off, joined, fragments.length, n);
                        fragments = joined;
                        if (fin) {
                            byte[] whole = fragments;
                            fragments = null;
                            deliver(fragmentOpcode, whole, 0, whole.length);
                        }
                    }
                }
                case 0x8 -> {
                    int code = n >= 2 ? ((a[off] & 0xFF) << 8) | (a[off + 1] & 0xFF) : 1005;
                    String reason = n > 2 ? new String(a, off + 2, n - 2, StandardCharsets.UTF_8) : "";
                    closeCode = code;
                    closeReason = reason;
                    if (state == OPEN) {
                        sendFrame(0x8, a, off, Math.min(n, 2));
                        // The server closes TCP first (RFC 6455 §7.1.1), so the TIME_WAIT stays on its side.
                        engine.schedule(2_000_000_000L, () -> {
                            if (state != DONE) {
                                abort();
                            }
                        });
                    }
                    state = CLOSING;
                    return end;
                }
                case 0x9 -> sendFrame(0xA, a, off, n);
                default -> {
                    // pong or reserved: ignore
                }
            }
        }
        return p;
    }

    private void deliver(int op, byte[] a, int off, int n) {
        if (op == 0x1) {
            listener.text(this, a, off, n);
        } else {
            listener.binary(this, a, off, n);
        }
    }

    /** Sends a text message (UTF-8 bytes). */
    void sendText(byte[] utf8) {
        sendFrame(0x1, utf8, 0, utf8.length);
    }

    /** Sends any frame, masked as a client must; a raw opcode lets the bad-input scenario break the rules. */
    void sendFrame(int opcode, byte[] payload, int off, int n) {
        sendFrame(0x80 | opcode, payload, off, n, true);
    }

    void sendFrame(int firstByte, byte[] payload, int off, int n, boolean mask) {
        if (state != OPEN && !(state == CLOSING && (firstByte & 0x0F) == 0x8) && (firstByte & 0x0F) != 0x8) {
            return;
        }
        int hdr = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] f = new byte[hdr + (mask ? 4 : 0) + n];
        f[0] = (byte) firstByte;
        int m = mask ? 0x80 : 0;
        if (n < 126) {
            f[1] = (byte) (m | n);
        } else if (n < 65536) {
            f[1] = (byte) (m | 126);
            f[2] = (byte) (n >>> 8);
            f[3] = (byte) n;
        } else {
            f[1] = (byte) (m | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        int at = hdr;
        if (mask) {
            int k = ThreadLocalRandom.current().nextInt();
            f[at] = (byte) (k >>> 24);
            f[at + 1] = (byte) (k >>> 16);
            f[at + 2] = (byte) (k >>> 8);
            f[at + 3] = (byte) k;
            at += 4;
            for (int i = 0; i < n; i++) {
                f[at + i] = (byte) (payload[off + i] ^ f[hdr + (i & 3)]);
            }
        } else {
            System.arraycopy(payload, off, f, at, n);
        }
        if ((firstByte & 0x0F) == 0x8 && state == OPEN) {
            state = CLOSING;
        }
        write(ByteBuffer.wrap(f));
    }

    /** Raw bytes on the socket, no framing (bad-input scenario). */
    void sendRaw(byte[] bytes) {
        write(ByteBuffer.wrap(bytes));
    }

    private void write(ByteBuffer b) {
        if (ch == null || state == DONE) {
            return;
        }
        try {
            if (out == null || out.isEmpty()) {
                ch.write(b);
                if (!b.hasRemaining()) {
                    return;
                }
                if (out == null) {
                    out = new ArrayDeque<>(4);
                }
                out.add(b);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            } else {
                out.add(b);
            }
        } catch (IOException e) {
            fail(Failures.cause(e));
        }
    }

    void writable() throws IOException {
        while (out != null && !out.isEmpty()) {
            ByteBuffer b = out.peek();
            ch.write(b);
            if (b.hasRemaining()) {
                return;
            }
            out.poll();
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        out = null;
    }

    /** Starts the closing handshake; {@link #abort} after the grace if the server does not finish it. */
    void close(int code, long graceNanos) {
        if (state == OPEN) {
            sendFrame(0x8, new byte[] {(byte) (code >>> 8), (byte) code}, 0, 2);
            engine.schedule(graceNanos, () -> {
                if (state != DONE) {
                    abort();
                }
            });
        } else if (state != DONE) {
            abort();
        }
    }

    /** Drops the socket with a reset (no TIME_WAIT left behind on this side). */
    void abort() {
        boolean wasOpen = state == OPEN || state == CLOSING;
        int before = state;
        state = DONE;
        closeChannel(true);
        if (before == CONNECTING || before == HANDSHAKE) {
            listener.failed(this, "timeout");
        } else if (wasOpen) {
            listener.closed(this, closeCode >= 0 ? closeCode : 1006, closeCode >= 0 ? closeReason : "aborted by client");
        }
    }

    void fail(String cause) {
        int before = state;
        if (before == DONE) {
            return;
        }
        state = DONE;
        closeChannel(true);
        if (before == CONNECTING || before == HANDSHAKE) {
            listener.failed(this, cause);
        } else {
            listener.closed(this, closeCode >= 0 ? closeCode : 1006, closeCode >= 0 ? closeReason : cause);
        }
    }

    private void eof() {
        int before = state;
        state = DONE;
        closeChannel(false);
        if (before == CONNECTING || before == HANDSHAKE) {
            listener.failed(this, "closed during handshake");
        } else if (before == OPEN || before == CLOSING) {
            listener.closed(this, closeCode >= 0 ? closeCode : 1006,
                    closeCode >= 0 ? closeReason : "connection dropped");
        }
    }

    private void closeChannel(boolean reset) {
        partial = null;
        out = null;
        if (key != null) {
            key.cancel();
        }
        if (ch != null) {
            try {
                if (reset && ch.isOpen()) {
                    ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } catch (IOException ignored) {
                // already gone
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    static String accept(String secKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest((secKey + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
