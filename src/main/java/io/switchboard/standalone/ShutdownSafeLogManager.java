package io.switchboard.standalone;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager resets itself (closing every handler) in a shutdown hook of its own, which runs alongside
 * ours: the lines of an orderly stop — connections closed, store flushed — would be lost. This one ignores that
 * reset; Main installs it before anything logs.
 */
public final class ShutdownSafeLogManager extends LogManager {
    @Override
    public void reset() {
        // Main configures the handlers itself and never needs a reset; the shutdown hook's call is ignored.
    }
}
