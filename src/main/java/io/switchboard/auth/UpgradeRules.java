package io.switchboard.auth;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges the form of a WebSocket opening handshake by RFC 6455 §4.2.1, the same way in every runtime: Tyrus
 * (standalone, Payara) and Undertow (WildFly) each let different malformed requests through, or answer them with
 * 500. Both handshake filters ask this before the token is checked, so a malformed request gets 400 (426 for a
 * version other than 13) whoever would have handled it.
 */
public final class UpgradeRules {
    /** The only version of the protocol spoken here (RFC 6455). */
    public static final String VERSION = "13";
    private static final int NONCE_BYTES = 16;

    private UpgradeRules() {
    }

    /**
     * Whether a request to an endpoint path is an upgrade attempt, judged by these rules: it carries an
     * {@code Upgrade} header, whatever it names. Endpoint paths serve nothing but WebSockets, so an upgrade to
     * anything else is a malformed handshake too; a plain request (no {@code Upgrade}) is left to whatever serves
     * it today.
     */
    public static boolean isAttempt(String upgradeHeader) {
        return upgradeHeader != null && !upgradeHeader.isBlank();
    }

    /**
     * @param method   the request method
     * @param protocol the request line's version, {@code HTTP/1.1}
     * @return why the request is no valid opening handshake, or empty when it is one
     */
    public static Optional<UpgradeRefusal> judge(String method, String protocol, HandshakeRequest request) {
        if (!"GET".equals(method)) {
            return bad("the method of a WebSocket handshake must be GET");
        }
        if (!isHttp11OrLater(protocol)) {
            return bad("a WebSocket handshake needs HTTP/1.1 or later");
        }
        if (request.header("Host").filter(h -> !h.isBlank()).isEmpty()) {
            return bad("Host is missing");
        }
        if (!hasToken(request.headerValues("Upgrade"), "websocket")) {
            return bad("Upgrade must be websocket");
        }
        if (!hasToken(request.headerValues("Connection"), "upgrade")) {
            return bad("Connection must include Upgrade");
        }
        // Before the key: a client of an older draft (no version, or 8) learns which version to speak.
        List<String> versions = request.headerValues("Sec-WebSocket-Version");
        if (versions.size() != 1 || !VERSION.equals(versions.get(0).trim())) {
            return Optional.of(new UpgradeRefusal(UpgradeRefusal.Kind.UNSUPPORTED_VERSION,
                    "Sec-WebSocket-Version must be " + VERSION));
        }
        List<String> keys = request.headerValues("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isNonce(keys.get(0).trim())) {
            return bad("Sec-WebSocket-Key must be the base64 of 16 bytes");
        }
        return Optional.empty();
    }

    private static Optional<UpgradeRefusal> bad(String message) {
        return Optional.of(new UpgradeRefusal(UpgradeRefusal.Kind.BAD_REQUEST, message));
    }

    private static boolean isHttp11OrLater(String protocol) {
        if (protocol == null || !protocol.startsWith("HTTP/")) {
            return false;
        }
        String[] version = protocol.substring(5).split("\\.", 2);
        try {
            int major = Integer.parseInt(version[0]);
            int minor = version.length > 1 ? Integer.parseInt(version[1]) : 0;
            return major > 1 || (major == 1 && minor >= 1);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether one of the comma-separated tokens of the values is {@code token} (case-insensitive, RFC 7230 §6.1). */
    private static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String t : value.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Base64 of exactly 16 bytes: 24 characters with their padding (RFC 6455 §4.1, item 7). */
    private static boolean isNonce(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == NONCE_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
