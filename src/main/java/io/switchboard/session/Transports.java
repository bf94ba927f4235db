package io.switchboard.session;

import jakarta.websocket.Session;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks a connection's transport: the raw-frame {@link TyrusTransport} where the container is Tyrus (and
 * SWITCHBOARD_TRANSPORT is not {@code portable}), the portable {@link SessionTransport} everywhere else. The Tyrus
 * class is only touched when the session is Tyrus's, so containers without Tyrus (WildFly) never load it.
 */
final class Transports {
    private static final Logger LOG = Logger.getLogger(Transports.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static volatile boolean tyrusUnavailable;

    private Transports() {
    }

    static Transport of(Session session, String remoteAddress, boolean rawFramesAllowed) {
        if (rawFramesAllowed && !tyrusUnavailable && TYRUS_SESSION.equals(session.getClass().getName())) {
            try {
                Transport t = TyrusTransport.of(session, remoteAddress);
                if (t != null) {
                    return t;
                }
            } catch (LinkageError e) {
                // Tyrus runs the container but its classes are not visible to the application (e.g. isolated).
                tyrusUnavailable = true;
                LOG.log(Level.INFO, "Tyrus classes not visible to the application; using the portable transport", e);
            }
        }
        return new SessionTransport(session, remoteAddress);
    }
}
