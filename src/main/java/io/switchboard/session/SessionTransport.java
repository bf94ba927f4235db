package io.switchboard.session;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The portable transport: the WebSocket API's asynchronous remote, one frame in flight at a time. Subclassed by
 * {@link TyrusTransport}, which only changes how frames are written.
 */
class SessionTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());
    final Session session;
    private final String remoteAddress;

    SessionTransport(Session session, String remoteAddress) {
        this.session = session;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public void send(Frame frame, Consumer<Boolean> done) {
        try {
            if (frame.isPing()) {
                // The API's ping has no completion handler. Tyrus and Undertow queue it and return without waiting
                // for the network, so a client that does not read cannot hold up the sweep that sends it.
                session.getAsyncRemote().sendPing(frame.binary().duplicate());
                done.accept(true);
            } else if (frame.isText()) {
                session.getAsyncRemote().sendText(frame.text(), result -> done.accept(result.isOK()));
            } else {
                session.getAsyncRemote().sendBinary(frame.binary().duplicate(), result -> done.accept(result.isOK()));
            }
        } catch (IOException | RuntimeException e) {
            // A session closed under us: the container throws instead of reporting through the handler.
            LOG.log(Level.FINE, "send failed on " + session.getId(), e);
            done.accept(false);
        }
    }

    @Override
    public void close(Closing closing) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(closing.code()), closing.reason()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "close failed on " + session.getId(), e);
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
