package io.switchboard.scenarios;

import io.switchboard.testing.Http;
import io.switchboard.testing.RawHandshake;
import io.switchboard.testing.RawJwt;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handshake authentication on {@code /ws} (SPEC §3, §12): every refusal is HTTP 401 (403 for a foreign Origin),
 * is never registered and never announced. Shared by the standalone, WildFly and Payara runs.
 */
public abstract class AuthScenarios {

    protected abstract ServerTarget target();

    private int refusedWith(String token) {
        WsClient.Refused r = assertThrows(WsClient.Refused.class,
                () -> WsClient.connect(target().ws("ws" + (token == null ? "" : "?token=" + token))).close());
        return r.status;
    }

    private static String user() {
        return "u-" + UUID.randomUUID();
    }

    @Test
    void aMissingTokenIsRefusedWith401() {
        assertEquals(401, refusedWith(null));
    }

    @Test
    void garbageIsRefusedWith401() {
        assertEquals(401, refusedWith("not.a.jwt"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        assertEquals(401, refusedWith(RawJwt.hmac("HS256", "another-secret-of-at-least-32-bytes!!", RawJwt.claims(user(), 60))));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertEquals(401, refusedWith(RawJwt.unsigned(RawJwt.claims(user(), 60))));
    }

    @Test
    void anotherAlgorithmWithTheSameSecretIsRefused() {
        assertEquals(401, refusedWith(RawJwt.hmac("HS512", ServerTarget.SECRET, RawJwt.claims(user(), 60))));
    }

    @Test
    void anExpiredTokenIsRefused() {
        // Well past the default 30 s leeway.
        assertEquals(401, refusedWith(RawJwt.hmac("HS256", ServerTarget.SECRET, RawJwt.claims(user(), -120))));
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        long nbf = System.currentTimeMillis() / 1000 + 3600;
        String claims = RawJwt.claims(user(), 7200).replace("{", "{\"nbf\":" + nbf + ",");
        assertEquals(401, refusedWith(RawJwt.hmac("HS256", ServerTarget.SECRET, claims)));
    }

    @Test
    void aTokenMissingARequiredClaimIsRefused() {
        String noEmail = target().tokenWith(Map.of("sub", user(), "username", "x"), Duration.ofMinutes(5));
        assertEquals(401, refusedWith(noEmail));
    }

    @Test
    void aValidTokenInTheQueryIsAccepted() {
        try (WsClient c = WsClient.connect(target(), "ws", target().userToken(user()))) {
            c.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
            assertEquals("p", c.nextOfType("pong").getString("id"));
        }
    }

    @Test
    void aValidTokenInTheAuthorizationHeaderIsAccepted() {
        try (WsClient c = WsClient.connect(target().ws("ws"),
                Map.of("Authorization", "Bearer " + target().userToken(user())))) {
            c.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
            assertEquals("p", c.nextOfType("pong").getString("id"));
        }
    }

    @Test
    void aForeignOriginIsRefusedWith403() {
        WsClient.Refused r = assertThrows(WsClient.Refused.class, () -> WsClient.connect(
                target().ws("ws?token=" + target().userToken(user())), Map.of("Origin", "http://evil.example")));
        assertEquals(403, r.status);
    }

    @Test
    void aRefusalLooksTheSameEverywhereJsonInTheAdminErrorShape() {
        RawHandshake.Answer noToken = RawHandshake.send(target().ws("ws"), Map.of());
        assertEquals(401, noToken.status());
        // Payara (Grizzly) drops Content-Type from any answer to an upgrade request; where it is sent, it is JSON.
        assertTrue(noToken.headers().getOrDefault("content-type", "application/json").startsWith("application/json"),
                noToken.headers().toString());
        assertEquals("Bearer", noToken.headers().get("www-authenticate"));
        assertEquals("unauthorized", WsClient.parse(noToken.body()).getString("error"));
        assertTrue(!WsClient.parse(noToken.body()).getString("message").isBlank());

        RawHandshake.Answer foreign = RawHandshake.send(target().ws("ws?token=" + target().userToken(user())),
                Map.of("Origin", "http://evil.example"));
        assertEquals(403, foreign.status());
        assertEquals("forbidden", WsClient.parse(foreign.body()).getString("error"));
        assertEquals("origin not allowed", WsClient.parse(foreign.body()).getString("message"));
    }

    @Test
    void theSameHostAsOriginIsAccepted() {
        // One URI for both (on a cluster each call of target() may name another node).
        java.net.URI ws = target().ws("ws?token=" + target().userToken(user()));
        String origin = "http://" + ws.getHost() + ":" + ws.getPort();
        try (WsClient c = WsClient.connect(ws, Map.of("Origin", origin))) {
            c.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
            assertEquals("p", c.nextOfType("pong").getString("id"));
        }
    }

    @Test
    void aRefusedHandshakeIsNeverCountedNorAnnounced() {
        String watcher = user();
        try (WsClient observer = WsClient.connect(target(), "ws", target().userToken(watcher))) {
            observer.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
            observer.nextOfType("pong");
            int before = Http.get(target().http("ws/stats"), target().adminToken()).json().getInt("total_connections");
            String intruder = user();
            refusedWith(RawJwt.hmac("HS256", "another-secret-of-at-least-32-bytes!!", RawJwt.claims(intruder, 60)));
            int after = Http.get(target().http("ws/stats"), target().adminToken()).json().getInt("total_connections");
            assertEquals(before, after);
            boolean announced = observer.drain(Duration.ofMillis(500)).stream().anyMatch(s -> s.contains(intruder));
            assertTrue(!announced, "a refused user was announced as joined");
        }
    }

    @Test
    void aRevokedTokenIsRefusedAndItsConnectionClosed() {
        String jti = UUID.randomUUID().toString();
        String id = user();
        String token = target().tokenWith(Map.of("sub", id, "username", id, "email", "e@x.test", "jti", jti),
                Duration.ofMinutes(5));
        try (WsClient c = WsClient.connect(target(), "ws", token)) {
            c.awaitOpen();
            var reply = Http.post(target().http("ws/revoke"), target().adminToken(), "{\"jti\":\"" + jti + "\"}");
            assertEquals(200, reply.status(), reply.body());
            WsClient.Close close = c.awaitClose();
            assertEquals(1008, close.code());
            assertEquals("token revoked", close.reason());
        }
        assertEquals(401, refusedWith(token));
    }

    @Test
    void aBlockedUserIsRefusedAndDisconnectedUntilUnblocked() {
        String id = user();
        try (WsClient c = WsClient.connect(target(), "ws", target().userToken(id))) {
            c.awaitOpen();
            assertEquals(200, Http.post(target().http("ws/users/" + id + "/block"), target().adminToken(), "").status());
            WsClient.Close close = c.awaitClose();
            assertEquals(1008, close.code());
            assertEquals("user blocked", close.reason());
        }
        assertEquals(401, refusedWith(target().userToken(id)));
        assertEquals(200, Http.delete(target().http("ws/users/" + id + "/block"), target().adminToken()).status());
        try (WsClient again = WsClient.connect(target(), "ws", target().userToken(id))) {
            again.send("{\"id\":\"p\",\"message_type\":\"ping\"}");
            assertEquals("p", again.nextOfType("pong").getString("id"));
        }
    }

    @Test
    void rolesMayBeASpaceSeparatedString() {
        String admin = target().tokenWith(Map.of("sub", "ops", "roles", "user admin"), Duration.ofMinutes(5));
        assertEquals(200, Http.get(target().http("ws/stats"), admin).status());
        String notAdmin = target().tokenWith(Map.of("sub", "ops", "roles", List.of("user")), Duration.ofMinutes(5));
        assertEquals(403, Http.get(target().http("ws/stats"), notAdmin).status());
    }
}
