package io.switchboard.cluster;

import io.switchboard.testing.WsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Measures when messages flow again after a fault: the sender sends a fresh probe (a message whose id starts with a
 * prefix of its own) every {@link #EVERY} until every receiver has got one. Probes sent while the path is broken are
 * lost or refused; that is expected, and why a probe is sent again and again instead of once.
 */
final class FlowProbe {
    /**
     * Every probe that finds nobody is answered user_offline, and 20 errors within 10 s close the sender (SPEC §12):
     * at this pace that takes 5 s, the longest a test waits here, so a slow resumption fails as slow, not as closed.
     */
    private static final Duration EVERY = Duration.ofMillis(250);

    /** Makes the probe's frame from its id. */
    interface Message {
        String withId(String id);
    }

    private FlowProbe() {
    }

    /**
     * @param since a {@link System#nanoTime()}: when the path should work again
     * @return milliseconds from {@code since} until the last receiver got a probe
     * @throws AssertionError when some receiver has got none by {@code since + limit}
     */
    static long millisUntilDelivered(String what, WsClient from, List<WsClient> to, Message message, long since,
                                     Duration limit) {
        String prefix = "probe-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<WsClient> waiting = new ArrayList<>(to);
        long deadline = since + limit.toNanos();
        long nextSend = System.nanoTime();
        int sent = 0;
        while (!waiting.isEmpty()) {
            long now = System.nanoTime();
            if (now > deadline) {
                throw new AssertionError(what + ": " + waiting.size() + " of " + to.size() + " receivers got none of "
                        + sent + " probes within " + limit.toMillis() + " ms (SPEC §13 asks for 2 s)");
            }
            if (from.isClosed()) {
                throw new AssertionError(what + ": the sender was closed (" + from.closedWithin(Duration.ZERO)
                        .map(c -> c.code() + " " + c.reason()).orElse("?") + ") after " + sent + " probes");
            }
            if (now >= nextSend) {
                from.send(message.withId(prefix + sent++));
                nextSend = now + EVERY.toNanos();
            }
            // Each receiver is looked at briefly, so that an arrival is timed within a few tens of milliseconds.
            waiting.removeIf(receiver -> got(receiver, prefix));
        }
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    private static boolean got(WsClient receiver, String prefix) {
        String s;
        while ((s = receiver.poll(Duration.ofMillis(10))) != null) {
            if (s.contains("\"" + prefix)) {
                return true;
            }
        }
        return false;
    }

    static Message direct(String toUser) {
        return id -> "{\"id\":\"" + id + "\",\"message_type\":\"text\",\"to_user_id\":\"" + toUser
                + "\",\"data\":{\"content\":\"probe\"}}";
    }

    static Message room(String room) {
        return id -> "{\"id\":\"" + id + "\",\"message_type\":\"text\",\"room\":\"" + room
                + "\",\"data\":{\"content\":\"probe\"}}";
    }

    static Message broadcast() {
        return id -> "{\"id\":\"" + id + "\",\"message_type\":\"text\",\"data\":{\"content\":\"probe\"}}";
    }
}
