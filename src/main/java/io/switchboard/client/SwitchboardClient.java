package io.switchboard.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@code /ws} user connection that stays up (docs/client.md):
 * <ul>
 * <li>connects with a token from the application's provider, asked again on every (re)connect;</li>
 * <li>after a loss, reconnects after {@link Backoff} waits (exponential, full jitter), for as long as it is open;</li>
 * <li>pings every keepalive interval and drops a connection that has stayed silent for a whole interval after a
 * ping (a dead link the operating system has not noticed);</li>
 * <li>joins its rooms again on every connect, before anything queued is sent;</li>
 * <li>queues what is sent while disconnected (bounded) and sends it, in order, once connected;</li>
 * <li>asks the provider for a new token some time before the current one expires and hands it to the server
 * in-band ({@code refresh}), so a long-lived connection is not closed with "token expired".</li>
 * </ul>
 * All state lives on one thread of the client's own; the public methods may be called from any thread.
 */
public final class SwitchboardClient implements AutoCloseable {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** Where the client is. */
    public enum State { CONNECTING, OPEN, WAITING, CLOSED }

    private final URI endpoint;
    private final Supplier<String> tokens;
    private final ClientListener listener;
    private final Backoff backoff;
    private final Duration keepalive;
    private final Duration refreshBefore;
    private final BlockingDeque<String> outbox;
    private final HttpClient http;
    private final ScheduledExecutorService loop;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();

    // Owned by the loop thread.
    private volatile State state = State.WAITING;
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;
    private int generation;
    private int attempt;
    private String token;
    private long lastHeard;
    private long pingSent;
    private String pendingPing;
    private int pings;
    private ScheduledFuture<?> keepaliveTask;
    private ScheduledFuture<?> refreshTask;
    private volatile boolean closed;

    private SwitchboardClient(Builder b) {
        this.endpoint = b.endpoint;
        this.tokens = b.tokens;
        this.listener = b.listener;
        this.backoff = b.backoff;
        this.keepalive = b.keepalive;
        this.refreshBefore = b.refreshBefore;
        this.outbox = new LinkedBlockingDeque<>(b.outboxLimit);
        int n = CLIENTS.incrementAndGet();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-client-" + n);
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(HANDSHAKE_TIMEOUT).build();
    }

    /**
     * @param endpoint the {@code /ws} URL, e.g. {@code ws://host:8080/ws} ({@code wss://} for TLS)
     * @param tokens   gives the token to connect with, and a new one before the current expires
     */
    public static Builder builder(URI endpoint, Supplier<String> tokens) {
        return new Builder(endpoint, tokens);
    }

    /** Starts connecting; returns at once ({@link ClientListener#onOpen} says when it is connected). */
    public SwitchboardClient connect() {
        loop.execute(this::open);
        return this;
    }

    public State state() {
        return state;
    }

    // --- sending -------------------------------------------------------------------------------------------------

    /** A {@code text} message to every connection of a user. @return the message's id */
    public String sendToUser(String userId, JsonObject data) {
        return send(envelope("text", data).add("to_user_id", userId));
    }

    /** A {@code text} message to the members of a room (join it first). @return the message's id */
    public String sendToRoom(String room, JsonObject data) {
        return send(envelope("text", data).add("room", room));
    }

    /** A {@code text} message to every other connected user. @return the message's id */
    public String broadcast(JsonObject data) {
        return send(envelope("text", data));
    }

    /**
     * Joins a room now if connected, and on every later connect. Not queued: the joins of every room go out first
     * on each connect.
     */
    public void join(String room) {
        rooms.add(Objects.requireNonNull(room, "room"));
        loop.execute(() -> sendNow(envelope("join", roomData(room)).build().toString()));
    }

    /** Leaves a room, and no longer joins it on connect. */
    public void leave(String room) {
        rooms.remove(room);
        loop.execute(() -> sendNow(envelope("leave", roomData(room)).build().toString()));
    }

    /** The rooms the client joins on every connect. */
    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    /**
     * Any envelope ({@code message_type}, {@code data}, ...); an {@code id} is added when it has none. Sent now when
     * connected, otherwise queued until the next connect.
     *
     * @return the message's id
     * @throws IllegalStateException when the client is closed or its queue is full
     */
    public String send(JsonObjectBuilder envelope) {
        JsonObject message = envelope.build();
        String id = message.containsKey("id") ? message.getString("id")
                : UUID.randomUUID().toString();
        String text = message.containsKey("id") ? message.toString()
                : Json.createObjectBuilder(message).add("id", id).build().toString();
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        if (!outbox.offerLast(text)) {
            throw new IllegalStateException("the client's queue is full (" + outbox.size() + " messages)");
        }
        loop.execute(this::flush);
        return id;
    }

    /** Messages waiting to be sent (queued while disconnected). */
    public int queued() {
        return outbox.size();
    }

    private static JsonObjectBuilder envelope(String type, JsonObject data) {
        return Json.createObjectBuilder().add("id", UUID.randomUUID().toString()).add("message_type", type)
                .add("data", data);
    }

    private static JsonObject roomData(String room) {
        return Json.createObjectBuilder().add("room", room).build();
    }

    // --- the connection, on the loop thread ------------------------------------------------------------------

    private void open() {
        if (closed) {
            return;
        }
        state = State.CONNECTING;
        int gen = ++generation;
        try {
            token = tokens.get();
        } catch (RuntimeException e) {
            listener.onError(this, e);
            retry(gen, 1006, "no token: " + e);
            return;
        }
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(endpoint + separator + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT)
                .buildAsync(uri, new Reader(gen));
        handshake.orTimeout(HANDSHAKE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
                .whenComplete((ws, failure) -> loop.execute(() -> opened(gen, ws, failure)));
    }

    private void opened(int gen, WebSocket ws, Throwable failure) {
        if (gen != generation || closed) {
            if (ws != null) {
                ws.abort();
            }
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String why = cause instanceof WebSocketHandshakeException h
                    ? "handshake refused: HTTP " + h.getResponse().statusCode() : "cannot connect: " + cause;
            retry(gen, 1006, why);
            return;
        }
        socket = ws;
        sending = CompletableFuture.completedFuture(ws);
        state = State.OPEN;
        attempt = 0;
        lastHeard = System.nanoTime();
        pendingPing = null;
        for (String room : rooms) {
            sendNow(envelope("join", roomData(room)).build().toString());
        }
        flush();
        long every = keepalive.toMillis();
        if (every > 0) {
            keepaliveTask = loop.scheduleWithFixedDelay(() -> keepalive(gen), every, every, TimeUnit.MILLISECONDS);
        }
        scheduleRefresh(gen);
        listener.onOpen(this);
    }

    private void flush() {
        if (state != State.OPEN) {
            return;
        }
        String next;
        while ((next = outbox.pollFirst()) != null) {
            sendNow(next);
        }
    }

    /** Sends on the open socket, after whatever was sent before (the JDK's socket takes one send at a time). */
    private void sendNow(String text) {
        if (state != State.OPEN) {
            return;
        }
        int gen = generation;
        sending = sending.thenCompose(ws -> ws.sendText(text, true)).whenComplete((ws, failure) -> {
            if (failure != null) {
                loop.execute(() -> lost(gen, 1006, "send failed: " + failure));
            }
        });
    }

    private void received(int gen, String text) {
        if (gen != generation) {
            return;
        }
        lastHeard = System.nanoTime();
        ClientMessage message;
        try {
            message = ClientMessage.parse(text);
        } catch (RuntimeException e) {
            listener.onError(this, new IllegalStateException("unreadable message from the server: " + text, e));
            return;
        }
        if ("pong".equals(message.type()) && message.id() != null && message.id().equals(pendingPing)) {
            pendingPing = null;
            return;
        }
        listener.onMessage(this, message);
    }

    private void keepalive(int gen) {
        if (gen != generation || state != State.OPEN) {
            return;
        }
        if (pendingPing != null && lastHeard - pingSent < 0) {
            // Nothing at all since the last ping, a whole interval ago: the link is dead.
            socket.abort();
            lost(gen, 1006, "no answer to a keepalive ping within " + keepalive);
            return;
        }
        pendingPing = "keepalive-" + (++pings);
        pingSent = System.nanoTime();
        sendNow(Json.createObjectBuilder().add("id", pendingPing).add("message_type", "ping")
                .add("data", Json.createObjectBuilder()).build().toString());
    }

    private void scheduleRefresh(int gen) {
        if (refreshBefore == null) {
            return;
        }
        Instant expiry = expiryOf(token);
        if (expiry == null) {
            return;
        }
        long in = Math.max(0, Duration.between(Instant.now(), expiry.minus(refreshBefore)).toMillis());
        refreshTask = loop.schedule(() -> refresh(gen), in, TimeUnit.MILLISECONDS);
    }

    private void refresh(int gen) {
        if (gen != generation || state != State.OPEN) {
            return;
        }
        String fresh;
        try {
            fresh = tokens.get();
        } catch (RuntimeException e) {
            listener.onError(this, e);
            return;
        }
        if (fresh == null || fresh.equals(token)) {
            listener.onError(this, new IllegalStateException("the token provider gave no new token to refresh with"));
            return;
        }
        token = fresh;
        sendNow(Json.createObjectBuilder().add("id", "refresh-" + UUID.randomUUID()).add("message_type", "refresh")
                .add("data", Json.createObjectBuilder().add("token", fresh)).build().toString());
        scheduleRefresh(gen);
    }

    /** The {@code exp} claim of a JWT, read without checking it (the server checks). */
    static Instant expiryOf(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            JsonObject claims = reader.readObject();
            return claims.containsKey("exp") ? Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void lost(int gen, int code, String reason) {
        if (gen != generation) {
            return;
        }
        stopTimers();
        socket = null;
        if (closed) {
            state = State.CLOSED;
            listener.onDisconnected(this, code, reason, null);
            return;
        }
        retry(gen, code, reason);
    }

    private void retry(int gen, int code, String reason) {
        if (gen != generation) {
            return;
        }
        Duration wait = backoff.delay(attempt++);
        state = State.WAITING;
        generation++; // whatever the old socket says from now on is stale
        listener.onDisconnected(this, code, reason, wait);
        loop.schedule(this::open, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopTimers() {
        if (keepaliveTask != null) {
            keepaliveTask.cancel(false);
            keepaliveTask = null;
        }
        if (refreshTask != null) {
            refreshTask.cancel(false);
            refreshTask = null;
        }
    }

    /** Closes the connection (1000) and stops reconnecting; what is still queued is dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            stopTimers();
            WebSocket ws = socket;
            socket = null;
            generation++;
            state = State.CLOSED;
            outbox.clear();
            if (ws != null) {
                sending.thenCompose(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                        .orTimeout(2, TimeUnit.SECONDS)
                        .whenComplete((s, failure) -> ws.abort());
            }
            listener.onDisconnected(this, WebSocket.NORMAL_CLOSURE, "closed by the client", null);
            done.complete(null);
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The loop is stopping anyway.
        }
        loop.shutdown();
    }

    /** Reads one socket; everything it hears is handed to the loop thread, tagged with the socket's generation. */
    private final class Reader implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();

        Reader(int gen) {
            this.gen = gen;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                loop.execute(() -> received(gen, text));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            loop.execute(() -> lost(gen, statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            loop.execute(() -> lost(gen, 1006, String.valueOf(error)));
        }
    }

    /** Settings of a client; only the endpoint and the token provider are required. */
    public static final class Builder {
        private final URI endpoint;
        private final Supplier<String> tokens;
        private ClientListener listener = new ClientListener() {
        };
        private Backoff backoff = Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(30));
        private Duration keepalive = Duration.ofSeconds(25);
        private Duration refreshBefore = Duration.ofMinutes(1);
        private int outboxLimit = 1000;

        private Builder(URI endpoint, Supplier<String> tokens) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.tokens = Objects.requireNonNull(tokens, "tokens");
        }

        public Builder listener(ClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Default: 500 ms doubling up to 30 s, full jitter. */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Ping interval; a connection silent for an interval after a ping is dropped. Default 25 s; zero: off. */
        public Builder keepalive(Duration keepalive) {
            this.keepalive = Objects.requireNonNull(keepalive, "keepalive");
            return this;
        }

        /** Ask the token provider for a new token this long before the current one expires (default 1 min); null: never. */
        public Builder refreshBefore(Duration refreshBefore) {
            this.refreshBefore = refreshBefore;
            return this;
        }

        /** At most this many messages wait while disconnected (default 1000); past it {@code send} throws. */
        public Builder outboxLimit(int outboxLimit) {
            if (outboxLimit < 1) {
                throw new IllegalArgumentException("outboxLimit must be at least 1");
            }
            this.outboxLimit = outboxLimit;
            return this;
        }

        public SwitchboardClient build() {
            return new SwitchboardClient(this);
        }
    }
}
