package io.switchboard.cluster;

import io.switchboard.testing.WsClient;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every user sends {@code perPair} numbered direct messages to every other user, all senders at once; then each
 * receiver's log is checked: from each sender, 1..perPair, each once, in order.
 */
final class DirectMessageLoad implements AutoCloseable {
    /** After the last expected message: long enough for a duplicate still on its way to show up. */
    private static final Duration AFTERWARDS = Duration.ofMillis(500);

    private final List<String> users;
    private final int perPair;
    private final List<WsClient> clients = new ArrayList<>();
    private final ExecutorService senders;

    DirectMessageLoad(int users, int perPair) {
        this.users = IntStream.range(0, users).mapToObj(i -> "load" + i + "-" + UUID.randomUUID()).toList();
        this.perPair = perPair;
        this.senders = Executors.newFixedThreadPool(users);
    }

    List<String> users() {
        return users;
    }

    /** The connection of the next user, in the order of {@link #users()}. */
    void add(WsClient client) {
        clients.add(client);
    }

    /** Interleaved per sender (1 to everyone, then 2...), so that each node has traffic for all others at once. */
    void sendAll(Duration limit) throws Exception {
        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < users.size(); s++) {
            int sender = s;
            sending.add(senders.submit(() -> {
                for (int seq = 1; seq <= perPair; seq++) {
                    for (int r = 0; r < users.size(); r++) {
                        if (r != sender) {
                            clients.get(sender).send("{\"id\":\"m-" + sender + "-" + r + "-" + seq
                                    + "\",\"message_type\":\"text\",\"to_user_id\":\"" + users.get(r)
                                    + "\",\"data\":{\"seq\":" + seq + "}}");
                        }
                    }
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (Future<?> f : sending) {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** What went wrong, per receiver and sender (empty: all well); errors the senders got are listed too. */
    Map<String, String> receiveAll(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, String> problems = new TreeMap<>();
        List<Integer> expected = IntStream.rangeClosed(1, perPair).boxed().toList();
        for (int r = 0; r < users.size(); r++) {
            List<JsonObject> got = receive(clients.get(r), (users.size() - 1) * perPair, deadline);
            Map<String, List<Integer>> bySender = got.stream().filter(m -> "text".equals(type(m)))
                    .collect(Collectors.groupingBy(m -> m.getString("from_user_id"), TreeMap::new,
                            Collectors.mapping(m -> m.getJsonObject("data").getInt("seq"), Collectors.toList())));
            for (int s = 0; s < users.size(); s++) {
                List<Integer> seqs = bySender.getOrDefault(users.get(s), List.of());
                if (s != r && !expected.equals(seqs)) {
                    problems.put("user " + r + " from user " + s, describe(seqs));
                }
            }
            Map<String, Long> errors = got.stream().filter(m -> "error".equals(type(m)))
                    .collect(Collectors.groupingBy(m -> m.getJsonObject("data").getString("code", "?"), TreeMap::new,
                            Collectors.counting()));
            if (!errors.isEmpty()) {
                problems.put("user " + r + " got errors", errors.toString());
            }
        }
        return problems;
    }

    private static String type(JsonObject m) {
        return m.getString("message_type", "");
    }

    private static List<JsonObject> receive(WsClient c, int texts, long deadline) {
        List<JsonObject> got = new ArrayList<>();
        int seen = 0;
        while (seen < texts && System.nanoTime() < deadline) {
            for (String s : c.drain(Duration.ofMillis(200))) {
                JsonObject m = WsClient.parse(s);
                got.add(m);
                seen += "text".equals(type(m)) ? 1 : 0;
            }
        }
        c.drain(AFTERWARDS).stream().map(WsClient::parse).forEach(got::add);
        return got;
    }

    private String describe(List<Integer> seqs) {
        long distinct = seqs.stream().distinct().count();
        boolean ordered = IntStream.range(1, seqs.size()).allMatch(i -> seqs.get(i - 1) < seqs.get(i));
        return seqs.size() + " of " + perPair + " messages, " + (seqs.size() - distinct) + " duplicates, "
                + (ordered ? "in order" : "out of order");
    }

    @Override
    public void close() {
        senders.shutdownNow();
        clients.forEach(WsClient::close);
    }
}
