package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written byte by byte, for what well-behaved clients refuse to send (invalid UTF-8 in a text
 * frame, for one). Reads frames until the server's close frame and reports its code.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Until when {@link #nextFrame()} reads: {@link WsClient#WAIT} after the connection opened or last sent. */
    private volatile long deadline;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout((int) WsClient.WAIT.toMillis());
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawWebSocket open(URI wsUri) throws IOException {
        RawWebSocket ws = new RawWebSocket(new Socket(wsUri.getHost(), wsUri.getPort()));
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String path = wsUri.getRawPath() + (wsUri.getRawQuery() == null ? "" : "?" + wsUri.getRawQuery());
        ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + wsUri.getHost() + ":" + wsUri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String status = ws.readLine();
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!ws.readLine().isEmpty()) {
            // skip the response headers
        }
        ws.deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        return ws;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one final frame with the given opcode (1 text, 2 binary), masked as a client must. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        send(ClientFrame.of(opcode, payload));
    }

    public void sendText(String text) throws IOException {
        send(ClientFrame.text(text));
    }

    /** Sends one final frame without a mask, which RFC 6455 forbids a client to do. */
    public void sendUnmaskedFrame(int opcode, byte[] payload) throws IOException {
        send(ClientFrame.of(opcode, payload).unmasked());
    }

    /** Sends frames in one write, so that the server may well read them together. */
    public void send(ClientFrame... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ClientFrame f : frames) {
            all.writeBytes(f.bytes());
        }
        out.write(all.toByteArray());
        out.flush();
        deadline = System.nanoTime() + WsClient.WAIT.toNanos();
    }

    /**
     * A {@code /ws} ping round trip: sends a ping message and reads until its pong, skipping other messages
     * (presence events of other users arrive on any connection).
     */
    public void pingRoundTrip() throws IOException {
        String id = "raw-" + java.util.UUID.randomUUID();
        sendText("{\"id\":\"" + id + "\",\"message_type\":\"ping\"}");
        String text;
        do {
            text = nextText();
        } while (!(text.contains("\"" + id + "\"") && text.contains("\"pong\"")));
    }

    /** Reads frames until the next text frame and returns its payload; fails on the server's close frame. */
    public String nextText() throws IOException {
        while (true) {
            ServerFrame f = nextFrame();
            if (f.opcode() == 0x1) {
                return f.text();
            }
            if (f.opcode() == 0x8) {
                throw new IOException("closed by the server with " + f.closeCode());
            }
        }
    }

    /** Reads frames until the server's WebSocket ping, skipping messages (presence events); fails on a close. */
    public void awaitPing() throws IOException {
        while (true) {
            ServerFrame f = nextFrame();
            if (f.opcode() == 0x9) {
                return;
            }
            if (f.opcode() == 0x8) {
                throw new IOException("closed by the server with " + f.closeCode() + " while waiting for a ping");
            }
        }
    }

    /** Answers a ping, as every client's WebSocket library does by itself. */
    public void sendPong() throws IOException {
        sendFrame(0xA, new byte[0]);
    }

    /**
     * Reads frames until the server's close frame and returns its status code (1005 when it carries none), or 1006
     * when the connection ends without one (as the WebSocket API reports it).
     */
    public int awaitCloseCode() throws IOException {
        while (true) {
            ServerFrame f;
            try {
                f = nextFrame();
            } catch (EOFException | SocketException ended) {
                return 1006;
            }
            if (f.opcode() == 0x8) {
                return f.closeCode();
            }
        }
    }

    /** A frame as the server sent it (servers never mask). */
    public record ServerFrame(boolean fin, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * The next frame from the server. Each read waits at most {@link WsClient#WAIT}, and all of them together no
     * longer than that either: a server that keeps sending something else cannot hold a test forever.
     */
    public ServerFrame nextFrame() throws IOException {
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException("still reading frames " + WsClient.WAIT + " after the last send");
        }
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        long length = len;
        if (len == 126) {
            length = in.readUnsignedShort();
        } else if (len == 127) {
            length = in.readLong();
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a server frame of " + length + " bytes");
        }
        return new ServerFrame((b0 & 0x80) != 0, b0 & 0x0f, in.readNBytes((int) length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
