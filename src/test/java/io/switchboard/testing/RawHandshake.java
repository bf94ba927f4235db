package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket upgrade request written by hand, to read everything a refused client gets: status, headers and body
 * (the JDK's WebSocket client only tells the status).
 */
public final class RawHandshake {
    /** The server's answer; header names in lower case. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    private RawHandshake() {
    }

    public static Answer send(URI ws, Map<String, String> extraHeaders) {
        int port = ws.getPort() > 0 ? ws.getPort() : 80;
        String target = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(ws.getHost()).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(ws.getHost(), port)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
            byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("handshake with " + ws + " failed", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of the answer's head");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
