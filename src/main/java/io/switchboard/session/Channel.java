package io.switchboard.session;

import java.util.Locale;

/** The endpoint a connection came through; each speaks its own wire format over the shared core. */
public enum Channel {
    WS("/ws"), ROOMS("/rooms"), RELAY("/relay"), RPC("/rpc");

    private final String path;

    Channel(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
