package io.switchboard.session;

import java.util.List;
import java.util.function.Consumer;

/** The container's side of a connection, seen by the core: no {@code jakarta.websocket.Session} in here. */
public interface Transport {

    /** Starts sending; {@code done} is called once with whether it went out, possibly on this thread. */
    void send(Frame frame, Consumer<Boolean> done);

    /**
     * Starts sending several frames in one write, in order; {@code done} is called once for all of them. Only
     * called when {@link #batchBytes()} is above 0.
     */
    default void sendAll(List<Frame> frames, Consumer<Boolean> done) {
        throw new UnsupportedOperationException("this transport writes one frame at a time");
    }

    /** How many bytes of queued frames one write may carry; 0 = one frame per write. */
    default int batchBytes() {
        return 0;
    }

    void close(Closing closing);

    boolean isOpen();

    String remoteAddress();
}
