package io.switchboard.session;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one error path of all endpoints (after Javalin's WsExceptionMapper): what the container reports through
 * {@code @OnError} is logged with its connection and mapped to a close code; nothing escapes to the container.
 */
@ApplicationScoped
public class EndpointErrors {
    private static final Logger LOG = Logger.getLogger(EndpointErrors.class.getName());

    public void handle(Optional<Connection> connection, Throwable failure) {
        String who = connection.map(Connection::toString).orElse("unaccepted connection");
        if (isClientSide(failure)) {
            // Network trouble and protocol violations of one client: not the server's fault, not worth a warning.
            LOG.log(Level.FINE, who + ": " + failure);
            if (hasCause(failure, CharacterCodingException.class)) {
                connection.ifPresent(c -> c.close(Closing.BAD_DATA));
            }
            return;
        }
        LOG.log(Level.WARNING, who + ": unexpected failure", failure);
        connection.ifPresent(c -> c.close(Closing.INTERNAL));
    }

    private static boolean isClientSide(Throwable t) {
        return hasCause(t, IOException.class) || hasCause(t, CharacterCodingException.class)
                || t.getClass().getName().startsWith("org.glassfish.tyrus.core")
                || t.getClass().getName().startsWith("io.undertow");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (type.isInstance(x)) {
                return true;
            }
        }
        return false;
    }
}
