package io.switchboard.bench;

import io.switchboard.auth.Principal;
import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;
import io.switchboard.session.Channel;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.Frame;
import io.switchboard.session.SessionRegistry;
import io.switchboard.session.Transport;
import io.switchboard.standalone.StandaloneServer;
import io.switchboard.ws.Inbound;
import io.switchboard.ws.UserHub;
import io.switchboard.ws.WsDecoder;
import io.switchboard.endpoint.Decoded;
import io.switchboard.ws.WsMessage;
import io.switchboard.ws.WsMessages;
import jakarta.enterprise.inject.spi.CDI;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The core's part of one {@code /ws} message, below the container: decode (JSON-B) → stamp → route (router, bus,
 * registry) → encode and frame once → queue → transport. The CDI beans are the real ones, from a standalone server
 * started on a free port (its listener idles); the connections' transport completes every write at once, so what
 * is measured is our path and the libraries it calls, not Tyrus or the network. docs/performance.md has the
 * figures and what they say about the end-to-end ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class HotPathBenchmark {
    private static final String DIRECT = "{\"id\":\"m-1\",\"message_type\":\"text\",\"to_user_id\":\"bob\","
            + "\"data\":{\"content\":\"hello bob, 64 bytes of content to make it a typical chat line\",\"seq\":12}}";
    private static final String BROADCAST = "{\"id\":\"b-1\",\"message_type\":\"text\","
            + "\"data\":{\"content\":\"hello everyone\",\"seq\":12}}";

    private StandaloneServer server;
    private UserHub hub;
    private final WsDecoder decoder = new WsDecoder();
    private Connection alice;
    private WsMessage decoded;

    /** A connection's far end that takes every write at once. */
    private static final class InstantTransport implements Transport {
        long bytes;

        @Override
        public void send(Frame frame, Consumer<Boolean> done) {
            bytes += frame.wire().length;
            done.accept(true);
        }

        @Override
        public void sendAll(List<Frame> frames, Consumer<Boolean> done) {
            for (Frame f : frames) {
                bytes += f.wire().length;
            }
            done.accept(true);
        }

        @Override
        public int batchBytes() {
            return 64 * 1024;
        }

        @Override
        public void close(Closing closing) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String remoteAddress() {
            return "bench";
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = new StandaloneServer(Settings.load(ConfigSource.of(Map.of(
                Settings.HOST, "127.0.0.1", Settings.PORT, "0",
                Settings.JWT_SECRET, "jmh-secret-0123456789abcdef0123456789abcdef",
                Settings.DATABASE_URL, "none", Settings.PRESENCE_EVENTS, "off"))));
        server.start();
        SessionRegistry registry = CDI.current().select(SessionRegistry.class).get();
        hub = CDI.current().select(UserHub.class).get();
        alice = open(registry, "alice");
        open(registry, "bob");
        // 100 more users, so that a broadcast reaches 101 receivers.
        for (int i = 0; i < 100; i++) {
            open(registry, "user-" + i);
        }
        decoded = inbound(DIRECT).message();
    }

    private Connection open(SessionRegistry registry, String user) {
        Principal p = new Principal(user, user + "-name", user + "@example.com", Set.of("user"),
                Optional.of("jti-" + user), Optional.empty(), Optional.empty());
        Connection c = registry.create(Channel.WS, p, new InstantTransport());
        registry.admit(c);
        hub.open(c);
        return c;
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop();
    }

    /** Strict decoding of a direct message into the typed envelope (the guarded decoder of every endpoint). */
    @Benchmark
    public Decoded<Inbound> decode() {
        return decoder.decode(DIRECT);
    }

    private Inbound inbound(String text) {
        return ((Decoded.Message<Inbound>) decoder.decode(text)).message();
    }

    /** JSON-B encoding of the envelope and its WebSocket framing (done once per message, whatever the receivers). */
    @Benchmark
    public byte[] encodeAndFrame() {
        return WsMessages.frame(decoded).wire();
    }

    /** A direct message from decode to the receiver's transport: everything the core does for one. */
    @Benchmark
    public void directMessage() {
        hub.handle(alice, inbound(DIRECT));
    }

    /** A broadcast to 101 receivers: decoded and framed once, queued and written to each. */
    @Benchmark
    public void broadcastTo101() {
        hub.handle(alice, inbound(BROADCAST));
    }
}
