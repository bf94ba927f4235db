package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one final frame without a mask, which RFC 6455 forbids a client to do. */
    public void sendUnmaskedFrame(int opcode, byte[] payload) throws IOException {
        if (payload.length >= 126) {
            throw new IllegalArgumentException("short frames only");
        }
        out.write(0x80 | opcode);
        out.write(payload.length);
        out.write(payload);
        out.flush();
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
    private String nextText() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x1) {
                return new String(f.payload(), StandardCharsets.UTF_8);
            }
            if (f.opcode() == 0x8) {
                throw new IOException("closed by the server with " + f.closeCode());
            }
        }
    }

    /** Reads frames until the server's WebSocket ping, skipping messages (presence events); fails on a close. */
    public void awaitPing() throws IOException {
        while (true) {
            Frame f = readFrame();
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

    /** Reads frames until the server's close frame; returns its status code (1005 when it carries none). */
    public int awaitCloseCode() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 0x8) {
                return f.closeCode();
            }
        }
    }

    private record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** One unfragmented frame as a server sends it (never masked). */
    private Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = (int) in.readLong();
        }
        return new Frame(b0 & 0x0f, in.readNBytes(len));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
