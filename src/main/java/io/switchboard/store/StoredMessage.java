package io.switchboard.store;

import java.time.Instant;

/** A stored message as the history shows it (columns of the {@code messages} table). */
public record StoredMessage(long id, String channel, String roomId, String fromDeviceId, String toDeviceId,
                            String fromUserId, String toUserId, String messageType, String contentType,
                            String clientMessageId, String content, Instant sentAt) {
}
