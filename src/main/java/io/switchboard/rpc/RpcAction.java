package io.switchboard.rpc;

import java.util.Optional;

/** The actions of {@code /rpc} (seed 001). */
public enum RpcAction {
    ECHO("echo"), BROADCAST("broadcast"), GET_CONNECTIONS("get_connections");

    private final String wire;

    RpcAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<RpcAction> fromWire(String s) {
        for (RpcAction a : values()) {
            if (a.wire.equals(s)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
