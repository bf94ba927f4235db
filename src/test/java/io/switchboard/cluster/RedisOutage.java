package io.switchboard.cluster;

import io.switchboard.testing.PrivateRedis;
import io.switchboard.testing.WsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Steady cross-node streams of numbered direct messages (each user to the user on the next node) while Redis is
 * killed in the middle and started again, empty, a few seconds later. What was lost is counted, not expected to be
 * zero: nothing keeps a message while Redis is away (durable delivery is issue 11). What must hold: no duplicates,
 * no reordering, nothing lost outside the outage, and delivery resumes by itself.
 */
final class RedisOutage {
    static final Duration EVERY = Duration.ofMillis(20); // 50 messages per second per stream
    static final int COUNT = 600; // 12 s
    static final Duration DOWN_AT = Duration.ofSeconds(3);
    static final Duration DOWN_FOR = Duration.ofSeconds(3);
    /** A message in flight when Redis died may be lost although it was sent just before. */
    static final Duration IN_FLIGHT = Duration.ofMillis(500);

    /**
     * @param resumedMillis from Redis answering PING again to the send time of the first message that got through
     *                      after the outage, the slowest stream's
     * @param closes        how often the server closed a sender's connection meanwhile, and why
     */
    record Report(int streams, int sent, int received, int lost, int refused, long downMillis, long resumedMillis,
                  List<String> closes, List<String> problems) {
        @Override
        public String toString() {
            return streams + " streams of " + COUNT + " direct messages at " + 1000 / EVERY.toMillis()
                    + "/s, Redis killed " + DOWN_AT.toSeconds() + " s in, answering PING again after " + downMillis
                    + " ms: " + received + " of " + sent + " delivered, " + lost + " lost (" + refused
                    + " of them answered with an error to the sender), delivery resumed for every stream "
                    + resumedMillis + " ms after Redis was back; senders closed by the server " + closes.size()
                    + " times " + closes.stream().distinct().toList();
        }
    }

    private RedisOutage() {
    }

    /**
     * @param senders   connects the sender of node i (again, after the server closed it)
     * @param receivers the receiver on node i, whose user is {@code receiverIds.get(i)}; stream i goes from node i's
     *                  sender to node i+1's receiver
     */
    static Report underSteadyStreams(PrivateRedis redis, List<Supplier<WsClient>> senders, List<WsClient> receivers,
                                     List<String> receiverIds, Duration resumeLimit) throws Exception {
        List<NumberedStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < senders.size(); i++) {
                int to = (i + 1) % senders.size();
                streams.add(new NumberedStream("s" + i + "-" + UUID.randomUUID().toString().substring(0, 8),
                        senders.get(i), receiverIds.get(to), COUNT, EVERY));
            }
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            List<CompletableFuture<Void>> sending = streams.stream().map(s -> s.sendFrom(start)).toList();
            parkUntil(start + DOWN_AT.toNanos());
            redis.kill();
            long killed = System.nanoTime();
            parkUntil(killed + DOWN_FOR.toNanos());
            redis.start();
            long back = System.nanoTime();
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new))
                    .get(COUNT * EVERY.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            return report(streams, receivers, killed, back, resumeLimit);
        } finally {
            streams.forEach(NumberedStream::close);
        }
    }

    private static Report report(List<NumberedStream> streams, List<WsClient> receivers, long killed, long back,
                                 Duration resumeLimit) {
        int received = 0;
        int lost = 0;
        int refused = 0;
        long resumed = 0;
        List<String> closes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            NumberedStream s = streams.get(i);
            NumberedStream.Outcome o = s.outcome(receivers.get((i + 1) % receivers.size()).drain(Duration.ofSeconds(1))
                    .stream().map(WsClient::parse).toList());
            List<Integer> missing = s.lost(o);
            received += o.received().size();
            lost += missing.size();
            refused += (int) missing.stream().filter(o.refused()::contains).count();
            closes.addAll(s.closes());
            check(s, o, missing, killed, back, resumeLimit, problems);
            resumed = Math.max(resumed, resumedMillis(s, o, killed, back));
        }
        return new Report(streams.size(), streams.size() * COUNT, received, lost, refused,
                TimeUnit.NANOSECONDS.toMillis(back - killed), resumed, closes, problems);
    }

    private static void check(NumberedStream s, NumberedStream.Outcome o, List<Integer> missing, long killed,
                              long back, Duration resumeLimit, List<String> problems) {
        List<Integer> seqs = o.received();
        if (new HashSet<>(seqs).size() != seqs.size()) {
            problems.add(s.name() + ": duplicates");
        }
        for (int k = 1; k < seqs.size(); k++) {
            if (seqs.get(k - 1) >= seqs.get(k)) {
                problems.add(s.name() + ": " + seqs.get(k) + " arrived after " + seqs.get(k - 1));
                break;
            }
        }
        long from = killed - IN_FLIGHT.toNanos();
        long until = back + resumeLimit.toNanos();
        List<Integer> outside = missing.stream().filter(seq -> s.sentAt(seq) < from || s.sentAt(seq) > until)
                .toList();
        if (!outside.isEmpty()) {
            problems.add(s.name() + ": lost outside the outage (killed - " + IN_FLIGHT.toMillis() + " ms .. back + "
                    + resumeLimit.toMillis() + " ms): " + outside);
        }
    }

    /** From {@code back} to the send time of the first message after the outage that got through. */
    private static long resumedMillis(NumberedStream s, NumberedStream.Outcome o, long killed, long back) {
        return o.received().stream().mapToLong(s::sentAt).filter(t -> t > killed).min()
                .stream().map(t -> TimeUnit.NANOSECONDS.toMillis(t - back)).findFirst().orElse(Long.MAX_VALUE);
    }

    private static void parkUntil(long nanoTime) {
        while (System.nanoTime() < nanoTime) {
            LockSupport.parkNanos(nanoTime - System.nanoTime());
        }
    }
}
