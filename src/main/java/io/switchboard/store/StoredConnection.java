package io.switchboard.store;

import java.time.Instant;

/** A row of the {@code connections} table. */
public record StoredConnection(String deviceId, String roomId, String clientIp, Instant connectedAt,
                               Instant disconnectedAt) {
}
