package io.switchboard.client;

import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Java client against a real standalone server, with a TCP proxy in between for the faults. */
class SwitchboardClientTest {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    /** What the client told its listener, in order. */
    static final class Recorder implements ClientListener {
        final BlockingQueue<ClientMessage> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(SwitchboardClient client) {
            events.add("open");
        }

        @Override
        public void onMessage(SwitchboardClient client, ClientMessage message) {
            messages.add(message);
        }

        @Override
        public void onDisconnected(SwitchboardClient client, int code, String reason, Duration retryIn) {
            events.add("down " + code + " " + reason);
        }

        @Override
        public void onError(SwitchboardClient client, Throwable error) {
            events.add("error " + error);
        }

        ClientMessage next(Predicate<ClientMessage> wanted) throws InterruptedException {
            return first(messages, wanted, ClientMessage::json, "matching message");
        }

        String event(String prefix) throws InterruptedException {
            return first(events, e -> e.startsWith(prefix), e -> e, "event '" + prefix + "'");
        }

        private static <T> T first(BlockingQueue<T> queue, Predicate<T> wanted,
                                   java.util.function.Function<T, String> show, String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> skipped = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                T item = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (item != null && wanted.test(item)) {
                    return item;
                }
                if (item != null) {
                    skipped.add(show.apply(item));
                }
            }
            return fail("no " + what + " within " + WAIT + "; skipped " + skipped);
        }
    }

    private SwitchboardClient client(URI base, String user, Recorder recorder, Consumer<SwitchboardClient.Builder> tune) {
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("ws");
        SwitchboardClient.Builder b = SwitchboardClient.builder(ws, () -> SERVER.userToken(user))
                .listener(recorder)
                .backoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(500)));
        tune.accept(b);
        SwitchboardClient c = b.build();
        opened.add(c);
        return c.connect();
    }

    private TcpProxy proxy() throws Exception {
        TcpProxy proxy = new TcpProxy("127.0.0.1", SERVER.base().getPort());
        opened.add(proxy);
        return proxy;
    }

    private static URI through(TcpProxy proxy) {
        return URI.create("http://127.0.0.1:" + proxy.port() + "/");
    }

    private WsClient user(String id) {
        WsClient c = WsClient.connect(SERVER, "ws", SERVER.userToken(id)).awaitOpen();
        opened.add(c);
        return c;
    }

    private static JsonObject content(String text) {
        return Json.createObjectBuilder().add("content", text).build();
    }

    private static String newUser() {
        return "c-" + UUID.randomUUID();
    }

    @Test
    void directMessagesGoBothWays() throws Exception {
        String alice = newUser();
        String bob = newUser();
        Recorder r = new Recorder();
        SwitchboardClient a = client(SERVER.base(), alice, r, b -> { });
        r.event("open");
        WsClient b = user(bob);

        String id = a.sendToUser(bob, content("hi bob"));
        JsonObject got = b.nextMatching(m -> id.equals(m.getString("id", "")));
        assertEquals(alice, got.getString("from_user_id"));
        assertEquals("hi bob", got.getJsonObject("data").getString("content"));

        b.send("{\"id\":\"back\",\"message_type\":\"text\",\"to_user_id\":\"" + alice + "\",\"data\":{\"content\":\"hi alice\"}}");
        ClientMessage back = r.next(m -> "back".equals(m.id()));
        assertEquals("text", back.type());
        assertEquals(bob, back.fromUserId());
        assertEquals("hi alice", back.data().getString("content"));
    }

    @Test
    void afterALostLinkItReconnectsAndJoinsItsRoomsAgain() throws Exception {
        TcpProxy proxy = proxy();
        String room = "cr-" + UUID.randomUUID().toString().substring(0, 8);
        Recorder r = new Recorder();
        // A short keepalive too: the backstop for a cut the client has not noticed (one CI run under a busy loop
        // waited 15 s for it), as in production.
        SwitchboardClient a = client(through(proxy), newUser(), r, b -> b.keepalive(Duration.ofMillis(500)));
        r.event("open");
        a.join(room);
        r.next(m -> "joined".equals(m.event()) && room.equals(m.data().getString("room", "")));

        proxy.cut();
        r.event("down ");
        proxy.restore();
        r.event("open");
        r.next(m -> "joined".equals(m.event()) && room.equals(m.data().getString("room", "")));

        WsClient other = user(newUser());
        other.send("{\"id\":\"j\",\"message_type\":\"join\",\"data\":{\"room\":\"" + room + "\"}}");
        other.nextMatching(m -> "j".equals(m.getString("id", "")));
        other.send("{\"id\":\"in-room\",\"message_type\":\"text\",\"room\":\"" + room + "\",\"data\":{\"content\":\"x\"}}");
        ClientMessage m = r.next(x -> "in-room".equals(x.id()));
        assertEquals(room, m.room());
    }

    @Test
    void whatIsSentWhileDisconnectedIsSentInOrderOnceConnected() throws Exception {
        TcpProxy proxy = proxy();
        String bob = newUser();
        WsClient b = user(bob);
        Recorder r = new Recorder();
        SwitchboardClient a = client(through(proxy), newUser(), r, x -> x.keepalive(Duration.ofMillis(500)));
        r.event("open");
        proxy.cut();
        r.event("down ");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(a.sendToUser(bob, content("queued " + i)));
        }
        assertEquals(5, a.queued());
        proxy.restore();
        for (int i = 0; i < 5; i++) {
            JsonObject m = b.nextMatching(x -> "text".equals(x.getString("message_type", "")));
            assertEquals(ids.get(i), m.getString("id"), "message " + i + " out of order");
        }
        assertEquals(0, a.queued());
    }

    @Test
    void aLinkThatFallsSilentIsDroppedByTheKeepaliveAndMadeAgain() throws Exception {
        TcpProxy proxy = proxy();
        Recorder r = new Recorder();
        client(through(proxy), newUser(), r, b -> b.keepalive(Duration.ofMillis(300)));
        r.event("open");
        proxy.freeze();
        String down = r.event("down ");
        assertTrue(down.contains("keepalive"), down);
        proxy.thaw();
        r.event("open");
    }

    @Test
    void aTokenAboutToExpireIsReplacedInBandAndTheConnectionOutlivesIt() throws Exception {
        String alice = newUser();
        Recorder r = new Recorder();
        // Tokens of 3 s, each replaced 2 s before it expires: about one refresh a second.
        URI ws = URI.create(SERVER.base().toString().replaceFirst("^http", "ws")).resolve("ws");
        SwitchboardClient a = SwitchboardClient.builder(ws,
                        () -> SERVER.minter().user(alice, alice, Duration.ofSeconds(3), List.of("user")))
                .listener(r).refreshBefore(Duration.ofSeconds(2)).build();
        opened.add(a);
        a.connect();
        r.event("open");
        Instant firstExpiry = Instant.now().plusSeconds(3);
        int refreshed = 0;
        while (Instant.now().isBefore(firstExpiry.plusSeconds(1))) {
            ClientMessage m = r.next(x -> "refreshed".equals(x.event()) || "error".equals(x.type()));
            assertEquals("refreshed", m.event(), m.json());
            refreshed++;
        }
        assertTrue(refreshed >= 2, "refreshed " + refreshed + " times");
        assertFalse(r.events.stream().anyMatch(e -> e.startsWith("down")), r.events.toString());
        assertEquals(SwitchboardClient.State.OPEN, a.state());
    }

    @Test
    void theExpiryIsReadFromTheToken() {
        String token = SERVER.minter().user("x", "x", Duration.ofSeconds(100), List.of("user"));
        Instant exp = SwitchboardClient.expiryOf(token);
        assertNotNull(exp);
        assertTrue(Math.abs(Duration.between(Instant.now().plusSeconds(100), exp).toSeconds()) <= 2, exp.toString());
        assertEquals(null, SwitchboardClient.expiryOf("not-a-token"));
    }
}
