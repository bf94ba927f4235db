package io.switchboard.loadtest;

import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Direct messages between pairs of users (seed 003 "throughput" and "sustained"). In each pair A sends numbered
 * messages to B's user ({@code to_user_id}); B answers each with one back to A. Each direction is checked for
 * loss, duplicates and order; latency is one way (send to receipt, both directions) and round trip (A's view).
 *
 * <p>throughput: every A sends {@code --messages}, with at most {@code --window} unanswered.
 * sustained: every A sends one every {@code --message-interval} ms for {@code --duration} s.
 */
final class Pairs extends Scenario {
    private final Histogram latency = r.histogram("latency");
    private final Histogram roundTrip = r.histogram("round_trip");
    private final boolean sustained;
    private final int pairs;
    private final int[] sentA;
    private final int[] answered;
    private final int[] sentB;
    private final BitSet[] seenAtB;
    private final BitSet[] seenAtA;
    private final long[] maxAtB;
    private final long[] maxAtA;
    private final long[] scratch = new long[4];
    private boolean[] active;
    private int activePairs;
    private volatile int completed;
    private volatile boolean stopSending;
    volatile long messagingFromNanos;
    private volatile long requestsSent;
    private volatile long answersReceived;

    Pairs(boolean sustained, Options o, Engine engine, Tokens tokens, int count) {
        super(sustained ? "sustained" : "throughput", o, engine, tokens, Math.max(2, count - count % 2));
        this.sustained = sustained;
        this.pairs = conns.length / 2;
        sentA = new int[pairs];
        answered = new int[pairs];
        sentB = new int[pairs];
        seenAtB = new BitSet[pairs];
        seenAtA = new BitSet[pairs];
        maxAtB = new long[pairs];
        maxAtA = new long[pairs];
    }

    /** Starts the messaging phase (engine thread), once every connection has opened or failed. */
    void startMessaging() {
        messagingFromNanos = System.nanoTime();
        r.set("messaging_from_nanos", messagingFromNanos);
        active = new boolean[pairs];
        for (int p = 0; p < pairs; p++) {
            active[p] = conns[2 * p] != null && conns[2 * p].isOpen() && conns[2 * p + 1] != null
                    && conns[2 * p + 1].isOpen();
            if (!active[p]) {
                continue;
            }
            activePairs++;
            seenAtB[p] = new BitSet();
            seenAtA[p] = new BitSet();
            if (sustained) {
                int pair = p;
                long interval = o.messageIntervalMs * 1_000_000L;
                engine.schedule(ThreadLocalRandom.current().nextLong(interval), () -> tick(pair, interval));
            } else {
                for (int k = 0; k < Math.min(o.window, o.messages); k++) {
                    sendRequest(p);
                }
            }
        }
        if (sustained) {
            engine.schedule(o.duration * 1_000_000_000L, () -> stopSending = true);
        }
    }

    private void tick(int p, long interval) {
        if (stopSending || !active[p]) {
            return;
        }
        sendRequest(p);
        engine.schedule(interval, () -> tick(p, interval));
    }

    private void sendRequest(int p) {
        int seq = ++sentA[p];
        sent++;
        requestsSent++;
        conns[2 * p].sendText(direct(users[2 * p + 1], "Q," + p + "," + seq + "," + System.nanoTime()));
    }

    @Override
    public void text(WsConnection c, byte[] a, int off, int len) {
        long now = System.nanoTime();
        char kind = Scan.marker(a, off, len, scratch);
        if (kind == 0) {
            return;
        }
        int p = (int) scratch[0];
        long seq = scratch[1];
        if (p < 0 || p >= pairs || seenAtA[p] == null) {
            return;
        }
        received++;
        lastReceiveNanos = now;
        if (kind == 'Q' && c.index == 2 * p + 1) {
            latency.record((now - scratch[2]) / 1000);
            if (track(seenAtB[p], maxAtB, p, seq, r)) {
                sentB[p]++;
                sent++;
                c.sendText(direct(users[2 * p], "A," + p + "," + seq + "," + scratch[2] + "," + now));
            }
        } else if (kind == 'A' && c.index == 2 * p) {
            latency.record((now - scratch[3]) / 1000);
            roundTrip.record((now - scratch[2]) / 1000);
            if (track(seenAtA[p], maxAtA, p, seq, r)) {
                answered[p]++;
                answersReceived++;
                if (!sustained) {
                    if (sentA[p] < o.messages) {
                        sendRequest(p);
                    } else if (answered[p] == o.messages) {
                        completed++;
                    }
                }
            }
        }
    }

    /** Every request answered (throughput), or sending stopped and every request answered (sustained). */
    boolean messagingDone() {
        if (sustained) {
            return stopSending && answersReceived >= requestsSent;
        }
        return completed >= activePairs;
    }

    void finish() {
        r.add("attempted", conns.length);
        r.add("opened", opened);
        r.add("failed", failed);
        r.add("pairs", activePairs);
        long requests = 0;
        long answers = 0;
        long receivedB = 0;
        long receivedA = 0;
        for (int p = 0; p < pairs; p++) {
            if (active != null && active[p]) {
                requests += sentA[p];
                answers += sentB[p];
                receivedB += seenAtB[p].cardinality();
                receivedA += seenAtA[p].cardinality();
            }
        }
        r.add("sent", requests + answers);
        r.add("expected", requests + answers);
        r.add("received", receivedA + receivedB);
        r.add("lost", (requests - receivedB) + (answers - receivedA));
        r.set("connect_wall_nanos", Math.max(0, lastOpenNanos - firstStartNanos));
        r.set("messaging_wall_nanos", Math.max(0, lastReceiveNanos - messagingFromNanos));
    }
}
