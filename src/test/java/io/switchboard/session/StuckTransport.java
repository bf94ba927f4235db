package io.switchboard.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A connection's far end that takes each write and never finishes it until told ({@link #complete}): a client that
 * does not read. Records the closes asked of it.
 */
final class StuckTransport implements Transport {
    final List<Consumer<Boolean>> inFlight = new ArrayList<>();
    final List<Closing> closes = new ArrayList<>();

    @Override
    public void send(Frame frame, Consumer<Boolean> done) {
        inFlight.add(done);
    }

    /** The oldest write in flight ends, successfully or not. */
    void complete(boolean ok) {
        inFlight.remove(0).accept(ok);
    }

    @Override
    public void close(Closing closing) {
        closes.add(closing);
    }

    @Override
    public boolean isOpen() {
        return closes.isEmpty();
    }

    @Override
    public String remoteAddress() {
        return "test";
    }
}
