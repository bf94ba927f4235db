package io.switchboard.cluster;

import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * One sender's direct messages to one receiver at a steady rate, numbered 1..n, each send time recorded, so that
 * what was lost can be told apart by when it was sent (during a fault, or not). The sender behaves as a real client
 * does: when the server closes its connection it connects again and goes on with the next number (the message whose
 * send failed is lost, not sent again).
 */
final class NumberedStream implements AutoCloseable {
    private final String name;
    private final Supplier<WsClient> connect;
    private final String receiverId;
    private final int count;
    private final Duration every;
    private final long[] sentAt;
    /** Every connection the sender used, the current one last: the errors it was sent are read from all. */
    private final List<WsClient> connections = new CopyOnWriteArrayList<>();

    NumberedStream(String name, Supplier<WsClient> connect, String receiverId, int count, Duration every) {
        this.name = name;
        this.connect = connect;
        this.receiverId = receiverId;
        this.count = count;
        this.every = every;
        this.sentAt = new long[count + 1];
        connections.add(connect.get());
    }

    /** Sends on a thread of its own, paced from {@code start} (a {@link System#nanoTime()}) so it never drifts. */
    CompletableFuture<Void> sendFrom(long start) {
        return CompletableFuture.runAsync(() -> {
            for (int seq = 1; seq <= count; seq++) {
                LockSupport.parkNanos(start + (seq - 1) * every.toNanos() - System.nanoTime());
                WsClient current = connections.get(connections.size() - 1);
                if (current.isClosed()) {
                    connections.add(current = connect.get());
                }
                sentAt[seq] = System.nanoTime();
                try {
                    current.send("{\"id\":\"" + name + "-" + seq + "\",\"message_type\":\"text\",\"to_user_id\":\""
                            + receiverId + "\",\"data\":{\"seq\":" + seq + "}}");
                } catch (RuntimeException closedMeanwhile) {
                    // Lost; the next message finds the connection closed and connects again.
                }
            }
        });
    }

    /** How often the server closed the sender's connection (the reasons, in order). */
    List<String> closes() {
        List<String> why = new ArrayList<>();
        for (WsClient c : connections) {
            c.closedWithin(Duration.ZERO).ifPresent(close -> why.add(close.code() + " " + close.reason()));
        }
        return why;
    }

    /**
     * What arrived, in arrival order, from everything the receiver got; and which losses the sender was told of.
     */
    Outcome outcome(List<JsonObject> atReceiver) {
        List<Integer> received = new ArrayList<>();
        for (JsonObject m : atReceiver) {
            if ("text".equals(m.getString("message_type", "")) && m.getString("id", "").startsWith(name + "-")) {
                received.add(m.getJsonObject("data").getInt("seq"));
            }
        }
        Set<Integer> refused = new TreeSet<>();
        for (WsClient c : connections) {
            for (String s : c.drain(Duration.ofMillis(100))) {
                JsonObject m = WsClient.parse(s);
                String id = m.getString("id", "");
                if ("error".equals(m.getString("message_type", "")) && id.startsWith(name + "-")) {
                    refused.add(Integer.parseInt(id.substring(name.length() + 1)));
                }
            }
        }
        return new Outcome(received, refused);
    }

    /** @param refused the messages the sender got an error for (user_offline: the bus could not place them) */
    record Outcome(List<Integer> received, Set<Integer> refused) {
    }

    long sentAt(int seq) {
        return sentAt[seq];
    }

    String name() {
        return name;
    }

    /** The numbers that never arrived. */
    List<Integer> lost(Outcome o) {
        Set<Integer> got = new TreeSet<>(o.received());
        return IntStream.rangeClosed(1, count).filter(seq -> !got.contains(seq)).boxed().toList();
    }

    @Override
    public void close() {
        connections.forEach(WsClient::close);
    }
}
