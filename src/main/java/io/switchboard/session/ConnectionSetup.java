package io.switchboard.session;

import io.switchboard.auth.JwtConfigurator;
import io.switchboard.auth.Principal;
import io.switchboard.auth.TokenCheck;
import io.switchboard.config.Settings;
import io.switchboard.config.TransportChoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every endpoint does first and last with a {@link Session}: turn it into a {@link Connection} (or close it
 * with 1008 when the handshake was refused and the container could not say 401), and find it again later.
 * Endpoints stay thin; the Session itself never travels further into the core.
 */
@ApplicationScoped
public class ConnectionSetup {
    private static final Logger LOG = Logger.getLogger(ConnectionSetup.class.getName());
    private static final String CONNECTION = "switchboard.connection";

    @Inject
    SessionRegistry registry;
    @Inject
    Settings settings;

    /** The connection for a new session, or empty when it has been closed right away. */
    public Optional<Connection> accept(Session session, Channel channel) {
        Object principal = session.getUserProperties().get(JwtConfigurator.PRINCIPAL);
        if (!(principal instanceof Principal p)) {
            Object refusal = session.getUserProperties().get(JwtConfigurator.REFUSAL);
            String reason = refusal instanceof TokenCheck.Refused r ? r.message() : "unauthorized";
            closeAtOnce(session, 1008, reason);
            return Optional.empty();
        }
        if (!registry.hasRoomFor(1)) {
            closeAtOnce(session, Closing.SERVER_FULL.code(), registry.isAccepting()
                    ? Closing.SERVER_FULL.reason() : Closing.SHUTTING_DOWN.reason());
            return Optional.empty();
        }
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        // No idle timeout (liveness is the keepalive's business, ConnectionSweeper). Tyrus takes 0 to mean
        // "schedule an idle check at once" after every message (a thread hop per message that then does nothing); a
        // negative value skips it. Other containers get the API's plain "0 = never".
        session.setMaxIdleTimeout(session.getClass().getName().startsWith("org.glassfish.tyrus.") ? -1 : 0);
        Connection c = registry.create(channel, p, Transports.of(session, remoteAddress(session),
                settings.transport() == TransportChoice.AUTO));
        if (!registry.admit(c)) {
            return Optional.empty();
        }
        session.getUserProperties().put(CONNECTION, c);
        return Optional.of(c);
    }

    /** The connection of a session that sent something (a message, a pong): it is alive, says the keepalive. */
    public Optional<Connection> heard(Session session) {
        Optional<Connection> c = of(session);
        c.ifPresent(connection -> connection.heard(System.nanoTime()));
        return c;
    }

    /** The connection of a session accepted before; empty for one that was refused. */
    public Optional<Connection> of(Session session) {
        return Optional.ofNullable((Connection) session.getUserProperties().get(CONNECTION));
    }

    private static void closeAtOnce(Session session, int code, String reason) {
        try {
            session.close(new jakarta.websocket.CloseReason(
                    jakarta.websocket.CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a refused session failed", e);
        }
    }

    /** The client's address where the container tells it (Tyrus and Undertow expose it differently). */
    private static String remoteAddress(Session session) {
        for (String key : new String[] {"jakarta.websocket.endpoint.remoteAddress", "org.glassfish.tyrus.remoteAddr"}) {
            Object v = session.getUserProperties().get(key);
            if (v instanceof InetSocketAddress a) {
                return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
            }
            if (v != null) {
                return v.toString();
            }
        }
        try {
            Object addr = session.getClass().getMethod("getRemoteAddr").invoke(session);
            if (addr != null) {
                return addr.toString();
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not Tyrus
        }
        return "unknown";
    }
}
