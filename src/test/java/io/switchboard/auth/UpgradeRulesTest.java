package io.switchboard.auth;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpgradeRulesTest {

    private static Map<String, List<String>> good() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("example.com"));
        h.put("upgrade", List.of("websocket"));
        h.put("connection", List.of("Upgrade"));
        h.put("sec-websocket-key", List.of("dGhlIHNhbXBsZSBub25jZQ=="));
        h.put("sec-websocket-version", List.of("13"));
        return h;
    }

    private static Optional<UpgradeRefusal> judge(String method, String protocol, Map<String, List<String>> h) {
        return UpgradeRules.judge(method, protocol, new HandshakeRequest("/ws", h, Map.of()));
    }

    private static Optional<UpgradeRefusal> judgeWith(String header, List<String> values) {
        Map<String, List<String>> h = good();
        if (values == null) {
            h.remove(header);
        } else {
            h.put(header, values);
        }
        return judge("GET", "HTTP/1.1", h);
    }

    private static int status(Optional<UpgradeRefusal> refusal) {
        return refusal.map(UpgradeRefusal::status).orElse(101);
    }

    @Test
    void theHandshakeOfRfc6455PassesAndSoDoItsHarmlessVariants() {
        assertEquals(101, status(judge("GET", "HTTP/1.1", good())));
        assertEquals(101, status(judge("GET", "HTTP/2.0", good())));
        assertEquals(101, status(judgeWith("connection", List.of("keep-alive", "upgrade"))));
        assertEquals(101, status(judgeWith("connection", List.of("keep-alive, Upgrade"))));
        assertEquals(101, status(judgeWith("upgrade", List.of("WebSocket"))));
    }

    @Test
    void aMalformedRequestIsABadRequest() {
        assertEquals(400, status(judge("POST", "HTTP/1.1", good())));
        assertEquals(400, status(judge("get", "HTTP/1.1", good())));
        assertEquals(400, status(judge("GET", "HTTP/1.0", good())));
        assertEquals(400, status(judge("GET", "HTTP/x", good())));
        assertEquals(400, status(judgeWith("host", null)));
        assertEquals(400, status(judgeWith("upgrade", List.of("h2c"))));
        assertEquals(400, status(judgeWith("connection", null)));
        assertEquals(400, status(judgeWith("connection", List.of("keep-alive"))));
        assertEquals(400, status(judgeWith("sec-websocket-key", null)));
        assertEquals(400, status(judgeWith("sec-websocket-key", List.of("AAECAwQFBgc="))));
        assertEquals(400, status(judgeWith("sec-websocket-key", List.of("dGhlIHNhbXBsZSBub25jZQ"))));
        assertEquals(400, status(judgeWith("sec-websocket-key", List.of("not*base64*at*all*here!!"))));
        assertEquals(400, status(judgeWith("sec-websocket-key",
                List.of("dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25jZQ=="))));
    }

    @Test
    void anotherVersionIsTold13() {
        for (List<String> versions : List.of(List.of("8"), List.of("13", "8"), List.<String>of())) {
            UpgradeRefusal refusal = judgeWith("sec-websocket-version", versions).orElseThrow();
            assertEquals(426, refusal.status());
            assertEquals(Map.of("Sec-WebSocket-Version", "13"), refusal.headers());
            assertTrue(refusal.json().contains("\"error\":\"upgrade_required\""), refusal.json());
        }
    }

    @Test
    void aBadRequestSaysWhyInTheRefusalShape() {
        UpgradeRefusal refusal = judgeWith("sec-websocket-key", List.of("AAECAwQFBgc=")).orElseThrow();
        assertEquals("{\"error\":\"bad_request\",\"message\":\"Sec-WebSocket-Key must be the base64 of 16 bytes\"}",
                refusal.json());
        assertEquals(Map.of(), refusal.headers());
    }

    @Test
    void onlyARequestWithAnUpgradeHeaderIsAnAttempt() {
        assertTrue(UpgradeRules.isAttempt("websocket"));
        assertTrue(UpgradeRules.isAttempt("h2c"));
        assertFalse(UpgradeRules.isAttempt(null));
        assertFalse(UpgradeRules.isAttempt(" "));
    }
}
