package io.switchboard.store;

import java.time.Instant;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fact to store, as accepted into the write-behind buffer. Each is idempotent when written again (inserts
 * carry a unique uid, updates set the same values), so a batch retried after an uncertain failure is harmless.
 */
public sealed interface StoreRecord {

    /** A device room came into being. */
    record RoomCreated(String roomId, Instant at) implements StoreRecord {
    }

    /** A device announced itself: its identity, and the room it is in now (or was last in). */
    record DeviceSeen(String deviceId, String identity, String lastRoomId, Instant at) implements StoreRecord {
    }

    /** A device connection entered a room (room null: it asked for one that does not exist). */
    record ConnectionOpened(String uid, String deviceId, String roomId, String clientIp, String nodeId, Instant at)
            implements StoreRecord {
    }

    record ConnectionClosed(String uid, Instant at) implements StoreRecord {
    }

    /**
     * A message accepted for delivery. {@code channel} is {@code rooms} or {@code ws}; {@code messageType}
     * {@code broadcast} or {@code direct}; {@code contentType} the {@code /ws} message type; {@code content} the
     * device's content or the {@code /ws} data object as JSON text.
     */
    record MessageSent(String uid, String channel, String roomId, String fromDeviceId, String toDeviceId,
                       String fromUserId, String toUserId, String messageType, String contentType,
                       String clientMessageId, String content, Instant at) implements StoreRecord {
    }

    record RoomQueried(String uid, String deviceId, String roomId, Instant at) implements StoreRecord {
    }

    /**
     * A unique row id, cheap enough for every message: a random 64-bit prefix drawn once per process, then a
     * counter (a UUID per message would draw from SecureRandom on the message path).
     */
    static String newUid() {
        return Uids.next();
    }

    /** The generator behind {@link #newUid()}. */
    final class Uids {
        private static final String PREFIX = String.format("%016x", new SecureRandom().nextLong()) + "-";
        private static final AtomicLong COUNTER = new AtomicLong();

        private Uids() {
        }

        static String next() {
            return PREFIX + Long.toString(COUNTER.incrementAndGet(), 36);
        }
    }

    /** A device's room broadcast ({@code to} null) or direct message. */
    static MessageSent deviceMessage(String roomId, String from, String to, String content, Instant at) {
        return new MessageSent(newUid(), "rooms", roomId, from, to, null, null, to == null ? "broadcast" : "direct",
                null, null, content, at);
    }

    /** A {@code /ws} user's message: direct when {@code toUser} is set, else a broadcast to a room or everyone. */
    static MessageSent userMessage(String id, String type, String fromUser, String toUser, String room,
                                   String payload, Instant at) {
        return new MessageSent(newUid(), "ws", room, null, null, fromUser, toUser,
                toUser == null ? "broadcast" : "direct", type, id, payload, at);
    }
}
