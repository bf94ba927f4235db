package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Thousands of cheap WebSocket clients in one test: one socket each and one thread for all of them, no per-client
 * buffers. They read (and throw away) what they are sent until {@link #stopReading}, then read nothing — from the
 * server's side, every one of them turns into a slow consumer at the same moment. {@link #close} drops them all at
 * once, as a network that goes away would.
 *
 * <p>Each socket asks for a small receive buffer, so that what the kernel absorbs for a client that stopped reading
 * stays small next to the server's outbound bound.
 */
public final class SilentCrowd implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 4096;

    private final List<SocketChannel> channels = new ArrayList<>();
    private final Selector selector;
    private final Thread reader;
    private volatile boolean reading = true;
    private volatile IOException readFailure;

    private SilentCrowd() throws IOException {
        selector = Selector.open();
        reader = new Thread(this::readAndDiscard, "silent-crowd");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens {@code n} connections one after the other (handshake with a deadline); client {@code i} asks for
     * {@code pathAndQuery.apply(i)} and then sends {@code firstText.apply(i)} (null: nothing).
     */
    public static SilentCrowd connect(ServerTarget target, int n, IntFunction<String> pathAndQuery,
                                      IntFunction<String> firstText) throws IOException {
        SilentCrowd crowd = new SilentCrowd();
        try {
            for (int i = 0; i < n; i++) {
                crowd.open(target.ws(pathAndQuery.apply(i)), firstText.apply(i));
            }
        } catch (IOException | RuntimeException e) {
            crowd.close();
            throw e;
        }
        return crowd;
    }

    private void open(URI uri, String firstText) throws IOException {
        SocketChannel ch = SocketChannel.open();
        channels.add(ch);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        ch.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) WsClient.WAIT.toMillis());
        ch.socket().setSoTimeout((int) WsClient.WAIT.toMillis());
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        write(ch, ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = responseHead(ch.socket().getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head.lines().findFirst().orElse(head));
        }
        if (firstText != null) {
            write(ch, maskedText(firstText.getBytes(StandardCharsets.UTF_8)));
        }
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ);
        selector.wakeup();
    }

    /** The response up to its blank line; what follows (the server's first frames) is left for the reader. */
    private static String responseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                return head.toString();
            }
        }
        throw new IOException("connection closed during the handshake: " + head);
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static byte[] maskedText(byte[] payload) {
        if (payload.length >= 126) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] f = new byte[6 + payload.length];
        f[0] = (byte) 0x81;
        f[1] = (byte) (0x80 | payload.length);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return f;
    }

    private void readAndDiscard() {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
            while (reading) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    discard((SocketChannel) k.channel(), k, sink);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            readFailure = e;
        } catch (java.nio.channels.ClosedSelectorException e) {
            // closed under us: the crowd is going away
        }
    }

    private static void discard(SocketChannel ch, SelectionKey k, ByteBuffer sink) {
        try {
            int n;
            do {
                sink.clear();
                n = ch.read(sink);
            } while (n > 0);
            if (n < 0) {
                k.cancel();
            }
        } catch (IOException e) {
            // closed by the server: nothing more to read on this one
            k.cancel();
        }
    }

    /** From now on nobody reads: the server's frames pile up in its queues. Returns once reading has stopped. */
    public void stopReading() throws IOException {
        reading = false;
        selector.wakeup();
        try {
            reader.join(WsClient.WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (readFailure != null) {
            throw readFailure;
        }
    }

    public int size() {
        return channels.size();
    }

    /** Every socket closed at once, without a closing handshake (unread data makes it a reset). */
    @Override
    public void close() throws IOException {
        reading = false;
        // Closing the selector first deregisters the sockets, so that closing each one closes it at once.
        selector.close();
        for (SocketChannel ch : channels) {
            ch.close();
        }
    }
}
