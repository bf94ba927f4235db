package io.switchboard.session;

import jakarta.websocket.Session;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transport for Tyrus (standalone and Payara): frames written as raw bytes straight to the connection's
 * {@link Writer}, below Tyrus's per-message path. A broadcast is framed once ({@link Frame#wire}) and the same
 * bytes go to every receiver; frames queued for one connection leave in one write. The portable
 * {@link SessionTransport} costs ≈ 2× per delivery (docs/performance.md): Tyrus frames each send anew, wraps it in
 * futures and writes each frame on its own.
 *
 * <p>Tyrus keeps the writer private: it is reached by reflection once per connection, and any surprise (another
 * Tyrus version, a negotiated extension that changes the bytes) makes {@link #of} return null so that the caller
 * falls back to the portable transport.
 */
final class TyrusTransport extends SessionTransport {
    private static final Logger LOG = Logger.getLogger(TyrusTransport.class.getName());
    /** One write carries at most this many bytes of queued frames. */
    static final int BATCH_BYTES = 64 * 1024;
    private static final Access ACCESS = Access.find();

    private final Writer writer;

    private TyrusTransport(Session session, Writer writer, String remoteAddress) {
        super(session, remoteAddress);
        this.writer = writer;
    }

    /** A raw-frame transport for a Tyrus session, or null when this session cannot have one. */
    static Transport of(Session session, String remoteAddress) {
        if (ACCESS == null || !session.getNegotiatedExtensions().isEmpty()) {
            return null;
        }
        try {
            Object remote = session.getAsyncRemote();
            TyrusWebSocket socket = (TyrusWebSocket) ACCESS.webSocket.get(remote);
            Object protocol = ACCESS.protocolHandler.invoke(socket);
            Writer writer = (Writer) ACCESS.writer.get(protocol);
            return writer == null ? null : new TyrusTransport(session, writer, remoteAddress);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "no raw-frame transport for " + session.getId(), e);
            return null;
        }
    }

    @Override
    public void send(Frame frame, Consumer<Boolean> done) {
        write(ByteBuffer.wrap(frame.wire()), done);
    }

    @Override
    public void sendAll(List<Frame> frames, Consumer<Boolean> done) {
        int size = 0;
        for (Frame f : frames) {
            size += f.wire().length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (Frame f : frames) {
            byte[] w = f.wire();
            System.arraycopy(w, 0, all, at, w.length);
            at += w.length;
        }
        write(ByteBuffer.wrap(all), done);
    }

    private void write(ByteBuffer bytes, Consumer<Boolean> done) {
        try {
            writer.write(bytes, new CompletionHandler<>() {
                @Override
                public void completed(ByteBuffer result) {
                    done.accept(true);
                }

                @Override
                public void failed(Throwable throwable) {
                    done.accept(false);
                }

                @Override
                public void cancelled() {
                    done.accept(false);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "write failed on " + session.getId(), e);
            done.accept(false);
        }
    }

    @Override
    public int batchBytes() {
        return BATCH_BYTES;
    }


    /** The three private members on the way from a session to its writer, looked up once. */
    private record Access(Field webSocket, Method protocolHandler, Field writer) {
        static Access find() {
            try {
                Field ws = Class.forName("org.glassfish.tyrus.core.TyrusRemoteEndpoint").getDeclaredField("webSocket");
                Method ph = TyrusWebSocket.class.getDeclaredMethod("getProtocolHandler");
                Field w = Class.forName("org.glassfish.tyrus.core.ProtocolHandler").getDeclaredField("writer");
                ws.setAccessible(true);
                ph.setAccessible(true);
                w.setAccessible(true);
                return new Access(ws, ph, w);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "Tyrus internals not as expected; using the portable transport", e);
                return null;
            }
        }
    }
}
