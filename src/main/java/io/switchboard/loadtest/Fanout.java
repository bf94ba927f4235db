package io.switchboard.loadtest;

import java.util.BitSet;

/**
 * Broadcast fan-out: one sender broadcasts {@code --messages} texts (no {@code to_user_id}, no room) to
 * {@code --connections} receivers, at {@code --rate} per second, or as fast as a window of {@code --window}
 * broadcasts not yet received by every receiver allows. Latency is from send to each receipt; every receiver checks
 * that it got each broadcast once and in order.
 */
final class Fanout extends Scenario {
    private final Histogram latency = r.histogram("latency");
    private final int receivers;
    private final int[] got;
    private final BitSet[] seen;
    private final long[] maxSeen;
    private final long[] scratch = new long[3];
    private volatile int activeReceivers;
    private int seq;
    private int completeUpTo;
    volatile long distinct;
    volatile long fromNanos;
    private boolean rateMode;

    Fanout(Options o, Engine engine, Tokens tokens, int receivers) {
        super("fanout", o, engine, tokens, receivers + 1);
        this.receivers = receivers;
        this.got = new int[o.messages + 2];
        this.seen = new BitSet[receivers];
        this.maxSeen = new long[receivers];
    }

    /** With several nodes: the sender on the first, the receivers spread over the others (every delivery crosses). */
    @Override
    int nodeOf(int i) {
        int nodes = servers.length;
        if (nodes == 1 || i == receivers) {
            return 0;
        }
        return 1 + i % (nodes - 1);
    }

    private WsConnection sender() {
        return conns[receivers];
    }

    void startMessaging() {
        fromNanos = System.nanoTime();
        r.set("messaging_from_nanos", fromNanos);
        for (int i = 0; i < receivers; i++) {
            if (conns[i] != null && conns[i].isOpen()) {
                activeReceivers++;
                seen[i] = new BitSet(o.messages + 1);
            }
        }
        if (sender() == null || !sender().isOpen() || activeReceivers == 0) {
            return;
        }
        rateMode = o.rate > 0;
        if (rateMode) {
            paced();
        } else {
            fill();
        }
    }

    private void paced() {
        long due = (long) ((System.nanoTime() - fromNanos) / 1e9 * o.rate) + 1;
        while (seq < o.messages && seq < due) {
            sendNext();
        }
        if (seq < o.messages) {
            engine.schedule((long) (1e9 / o.rate), this::paced);
        }
    }

    private void fill() {
        while (seq < o.messages && seq - completeUpTo < o.window) {
            sendNext();
        }
    }

    private void sendNext() {
        seq++;
        sent++;
        sender().sendText(broadcast("B,0," + seq + "," + System.nanoTime()));
    }

    @Override
    public void text(WsConnection c, byte[] a, int off, int len) {
        long now = System.nanoTime();
        if (c.index >= receivers || seen[c.index] == null) {
            return;
        }
        if (Scan.marker(a, off, len, scratch) != 'B') {
            return;
        }
        long s = scratch[1];
        if (s <= 0 || s > o.messages) {
            return;
        }
        received++;
        lastReceiveNanos = now;
        latency.record((now - scratch[2]) / 1000);
        if (track(seen[c.index], maxSeen, c.index, s, r)) {
            distinct++;
            if (++got[(int) s] == activeReceivers) {
                while (completeUpTo < o.messages && got[completeUpTo + 1] >= activeReceivers) {
                    completeUpTo++;
                }
                if (!rateMode) {
                    fill();
                }
            }
        }
    }

    @Override
    void onUnexpectedClose(WsConnection c, int code, String reason) {
        if (c.index < receivers && seen[c.index] != null) {
            // A receiver that was closed (e.g. 1013 slow consumer) still counts its missing messages as lost.
            r.add("receivers_closed", 1);
        }
    }

    boolean messagingDone() {
        return activeReceivers == 0 || distinct >= (long) activeReceivers * o.messages;
    }

    void finish() {
        r.add("attempted", conns.length);
        r.add("opened", opened);
        r.add("failed", failed);
        r.add("receivers", activeReceivers);
        r.add("sent", seq);
        long expected = (long) activeReceivers * seq;
        r.add("expected", expected);
        r.add("received", distinct);
        r.add("lost", expected - distinct);
        r.set("connect_wall_nanos", Math.max(0, lastOpenNanos - firstStartNanos));
        r.set("messaging_wall_nanos", Math.max(0, lastReceiveNanos - fromNanos));
    }
}
