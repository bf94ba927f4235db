package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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

    /**
     * An upgrade request line and headers, to be varied one thing at a time: by default the request of RFC 6455
     * §4.1 that every runtime upgrades (given a good token).
     */
    public record Request(String method, String version, Map<String, String> headers) {
        public static Request upgrade(URI ws) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Host", ws.getHost() + ":" + port(ws));
            headers.put("Upgrade", "websocket");
            headers.put("Connection", "Upgrade");
            headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
            headers.put("Sec-WebSocket-Version", "13");
            return new Request("GET", "HTTP/1.1", headers);
        }

        public Request method(String m) {
            return new Request(m, version, headers);
        }

        public Request version(String v) {
            return new Request(method, v, headers);
        }

        /** With {@code name} set to {@code value} (replacing the default, in place). */
        public Request with(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Request(method, version, h);
        }

        public Request without(String name) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.remove(name);
            return new Request(method, version, h);
        }
    }

    public static Answer send(URI ws, Map<String, String> extraHeaders) {
        Request request = Request.upgrade(ws);
        for (var e : extraHeaders.entrySet()) {
            request = request.with(e.getKey(), e.getValue());
        }
        return send(ws, request);
    }

    /** Sends {@code request} to {@code ws}'s path and query and reads the answer's head, and its body if sized. */
    public static Answer send(URI ws, Request request) {
        return send(ws, request, null);
    }

    /**
     * The same from a local address of the caller's choice (null: any): another loopback address
     * ({@code 127.x.y.z}) is another client as far as the server can tell, with limits of its own.
     */
    public static Answer send(URI ws, Request request, InetAddress from) {
        int port = port(ws);
        String target = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(target).append(' ').append(request.version())
                .append("\r\n");
        request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = from == null ? new Socket(ws.getHost(), port) : new Socket(ws.getHost(), port, from, 0)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
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

    private static int port(URI ws) {
        return ws.getPort() > 0 ? ws.getPort() : 80;
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
