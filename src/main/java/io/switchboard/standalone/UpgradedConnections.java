package io.switchboard.standalone;

import io.switchboard.session.WriteBatch;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeHolder;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpContext;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.core.CloseReasons;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Moves each connection Tyrus has upgraded off the listener's HTTP filter chain onto a chain without the HTTP
 * codec. On the HTTP chain, Grizzly keeps the parsed upgrade request and its response for the connection's whole
 * life (≈ 10 KiB of header chunks and buffers per idle connection, docs/performance.md) and wraps every WebSocket
 * read as content of that request. On the new chain a read goes from the transport straight to the connection's
 * Tyrus read handler, inside a {@link WriteBatch} scope, and writes go straight down to the transport.
 *
 * <p>What it does for Tyrus is what Tyrus's own Grizzly filter does after the handshake (hand reads and the close
 * to the connection's task processor), through the same connection attributes, found by their names. The filters
 * in front of the HTTP codec (the transport's, the idle-timeout filter's) are kept, as shared instances, so that
 * their own per-connection bookkeeping still ends when the connection closes.
 */
final class UpgradedConnections {
    /** Tyrus's attributes (package-private in Tyrus): attributes of the same name are the same attribute. */
    private static final Attribute<org.glassfish.tyrus.spi.Connection> TYRUS_CONNECTION =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
                    "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter.Connection");
    private static final Attribute<TaskProcessor> TASK_PROCESSOR =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TaskProcessor.class.getName() + ".TaskProcessor");
    private static final Attribute<ClientFrames> CLIENT_FRAMES =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ClientFrames.class.getName());
    /** The HTTP layer's per-connection state, dropped once the connection speaks WebSocket. */
    private static final List<String> HTTP_STATE = List.of(HttpContext.class.getName(),
            HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME, "HttpServerFilter.KeepAliveContext",
            "HttpServerFilter.Request");

    private final FilterChain chain;
    private final long maxMessageBytes;

    private UpgradedConnections(FilterChain chain, long maxMessageBytes) {
        this.chain = chain;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The chain for upgraded connections: the listener's filters in front of its HTTP codec, then Tyrus's reads.
     *
     * @param maxMessageBytes SWITCHBOARD_MAX_MESSAGE_BYTES, enforced on every connection's frame headers
     */
    static UpgradedConnections from(FilterChainBuilder listenerChain, long maxMessageBytes) {
        int codec = listenerChain.indexOfType(HttpCodecFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the listener's filter chain");
        }
        FilterChainBuilder builder = FilterChainBuilder.stateless();
        for (int i = 0; i < codec; i++) {
            builder.add(listenerChain.get(i));
        }
        return new UpgradedConnections(builder.add(new WebSocketReads()).build(), maxMessageBytes);
    }

    /**
     * Whether Tyrus has upgraded {@code connection}, as far as this class can tell: both of Tyrus's attributes are
     * needed to hand reads over, so a Tyrus that names them differently leaves its connections on the HTTP chain,
     * where they work as before.
     */
    static boolean isWebSocket(Connection<?> connection) {
        return TYRUS_CONNECTION.isSet(connection) && TASK_PROCESSOR.isSet(connection);
    }

    /** Called once Tyrus's filter has upgraded {@code connection}; later reads and writes take the new chain. */
    void takeOver(Connection<?> connection) {
        if (connection.getProcessor() == chain) {
            return;
        }
        CLIENT_FRAMES.set(connection, new ClientFrames(maxMessageBytes));
        connection.setProcessor(chain);
        AttributeHolder attributes = connection.getAttributes();
        for (String name : HTTP_STATE) {
            attributes.removeAttribute(name);
        }
    }

    /** The reads of an upgraded connection, handed to Tyrus as its own filter would. */
    private static final class WebSocketReads extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            org.glassfish.tyrus.spi.Connection tyrus = TYRUS_CONNECTION.get(connection);
            TaskProcessor tasks = TASK_PROCESSOR.get(connection);
            ClientFrames frames = CLIENT_FRAMES.get(connection);
            Buffer buffer = ctx.getMessage();
            if (tyrus == null || tasks == null || frames == null) {
                // Closed by Tyrus in the meantime: nothing is listening any more.
                buffer.tryDispose();
                return ctx.getStopAction();
            }
            WriteBatch.begin();
            try {
                if (!buffer.isComposite()) {
                    tasks.processTask(new Read(connection, tyrus, frames, buffer.toByteBuffer()));
                } else {
                    ByteBufferArray array = buffer.toByteBufferArray();
                    ByteBuffer[] parts = array.getArray();
                    for (int i = 0; i < array.size(); i++) {
                        tasks.processTask(new Read(connection, tyrus, frames, parts[i]));
                    }
                    array.recycle();
                }
            } finally {
                WriteBatch.end();
            }
            return ctx.getStopAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            org.glassfish.tyrus.spi.Connection tyrus = TYRUS_CONNECTION.get(connection);
            TaskProcessor tasks = TASK_PROCESSOR.get(connection);
            ClientFrames frames = CLIENT_FRAMES.get(connection);
            if (tyrus != null && tasks != null) {
                // A refused connection the client closed after our close frame ends with the verdict's reason.
                tasks.processTask(frames != null && frames.verdict() != ClientFrames.Verdict.PASS
                        ? new Finish(connection, tyrus, frames) : new Close(tyrus, connection));
            }
            return ctx.getStopAction();
        }
    }

    /**
     * Bytes for Tyrus's read handler, unless their frame headers break a rule of {@link ClientFrames}: then the
     * connection is closed (1002 for an unmasked frame or a bad length, 1009 for a message over the limit) and
     * Tyrus never sees, nor buffers, those bytes.
     */
    private static final class Read extends TaskProcessor.Task {
        private final Connection<?> connection;
        private final org.glassfish.tyrus.spi.Connection tyrus;
        private final ClientFrames frames;
        private final ByteBuffer bytes;

        Read(Connection<?> connection, org.glassfish.tyrus.spi.Connection tyrus, ClientFrames frames,
             ByteBuffer bytes) {
            this.connection = connection;
            this.tyrus = tyrus;
            this.frames = frames;
            this.bytes = bytes;
        }

        @Override
        public void execute() {
            ClientFrames.Verdict verdict = frames.accept(bytes);
            if (verdict == ClientFrames.Verdict.PASS) {
                tyrus.getReadHandler().handle(bytes);
                return;
            }
            // RFC 6455 §7.1.7: the server closes the connection, after its close frame. A lingering close: the close
            // frame goes out at once, then what the client is still sending (the rest of an oversized frame) is read
            // and dropped until it closes, for at most LINGER or LINGER_BYTES. Closing a socket that holds unread
            // bytes resets it, and the reset can overtake the close frame: the client would see 1006, not 1009.
            // Tyrus is told last, once the socket is closed, so that its own close frame goes nowhere.
            if (frames.refuse(bytes.remaining())) {
                connection.write(closeFrame(connection, verdict.closeReason()));
                TaskProcessor tasks = TASK_PROCESSOR.get(connection);
                CompletableFuture.delayedExecutor(ClientFrames.LINGER.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                    if (tasks != null) {
                        tasks.processTask(new Finish(connection, tyrus, frames));
                    }
                });
            } else if (frames.lingeredEnough()) {
                new Finish(connection, tyrus, frames).execute();
            }
        }
    }

    /** A refused connection's end: Tyrus closes its session with the verdict's reason, and the socket is closed. */
    private static final class Finish extends TaskProcessor.Task {
        private final Connection<?> connection;
        private final org.glassfish.tyrus.spi.Connection tyrus;
        private final ClientFrames frames;

        Finish(Connection<?> connection, org.glassfish.tyrus.spi.Connection tyrus, ClientFrames frames) {
            this.connection = connection;
            this.tyrus = tyrus;
            this.frames = frames;
        }

        @Override
        public void execute() {
            if (frames.finish()) {
                // The socket first: Tyrus's own close frame then has nowhere to go (the client has ours already).
                connection.closeSilently();
                tyrus.close(frames.verdict().closeReason());
            }
            TYRUS_CONNECTION.remove(connection);
            TASK_PROCESSOR.remove(connection);
        }
    }

    /** A server's close frame (unmasked): the code and the reason. */
    static Buffer closeFrame(Connection<?> connection, jakarta.websocket.CloseReason reason) {
        byte[] phrase = reason.getReasonPhrase().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int code = reason.getCloseCode().getCode();
        byte[] frame = new byte[4 + phrase.length];
        frame[0] = (byte) 0x88;
        frame[1] = (byte) (2 + phrase.length); // reason phrases here are short: well under 126 bytes
        frame[2] = (byte) (code >> 8);
        frame[3] = (byte) code;
        System.arraycopy(phrase, 0, frame, 4, phrase.length);
        return org.glassfish.grizzly.memory.Buffers.wrap(connection.getMemoryManager(), frame);
    }

    /** The connection went away without a close frame: Tyrus reports 1006, as its own filter does. */
    private static final class Close extends TaskProcessor.Task {
        private final org.glassfish.tyrus.spi.Connection tyrus;
        private final Connection<?> connection;

        Close(org.glassfish.tyrus.spi.Connection tyrus, Connection<?> connection) {
            this.tyrus = tyrus;
            this.connection = connection;
        }

        @Override
        public void execute() {
            tyrus.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
            TYRUS_CONNECTION.remove(connection);
            TASK_PROCESSOR.remove(connection);
        }
    }
}
