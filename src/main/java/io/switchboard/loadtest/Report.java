package io.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report: what people need from a load test, as text or as JSON ({@code --json}). */
final class Report {
    private Report() {
    }

    /** What one "operation" is for a test, for CPU per operation: connects, messages or deliveries. */
    static String operation(String type) {
        return switch (type) {
            case "storm" -> "connect";
            case "throughput", "sustained" -> "message";
            case "fanout" -> "delivery";
            default -> null;
        };
    }

    static long operations(Result r) {
        return switch (r.type) {
            case "storm" -> r.get("opened");
            case "throughput", "sustained", "fanout" -> r.get("received");
            default -> 0;
        };
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double perSecond(long n, long nanos) {
        return nanos <= 0 ? 0 : n / seconds(nanos);
    }

    /** "server 1.20 s (40% of a core), 3.00 µs per message; " when the result measured that process. */
    private static void cpuOf(StringBuilder cpu, Result r, String who, long wall, String op, long ops) {
        if (!r.counters.containsKey(who + "_cpu_nanos")) {
            return;
        }
        long s = r.get(who + "_cpu_nanos");
        cpu.append(String.format(Locale.ROOT, "%s %.2f s (%.0f%% of a core)", who, seconds(s), 100.0 * s / wall));
        if (op != null && ops > 0) {
            cpu.append(String.format(Locale.ROOT, ", %.2f µs per %s", s / 1000.0 / ops, op));
        }
        cpu.append("; ");
    }

    static String text(Options o, Result r) {
        StringBuilder b = new StringBuilder();
        String f = "%-13s";
        b.append(String.format(Locale.ROOT, "== %s  (%s, %d connections, max %d concurrent%s)%n", r.type, o.urlList(),
                r.get("attempted"), o.maxConcurrent, r.get("workers") > 1 ? ", " + r.get("workers") + " workers" : ""));
        long connectWall = r.get("connect_wall_nanos");
        b.append(String.format(Locale.ROOT, f + "%d attempted, %d opened, %d failed; %.0f connects/s over %.2f s%n",
                "connections", r.get("attempted"), r.get("opened"), r.get("failed"),
                perSecond(r.get("opened"), connectWall), seconds(connectWall)));
        b.append(String.format(Locale.ROOT, f + "%s%n", "handshake", r.histogram("handshake").summaryMillis()));
        if (!r.failures.isEmpty()) {
            b.append(String.format(Locale.ROOT, f + "%s%n", "failures", join(r.failures)));
        }
        if (!r.closes.isEmpty()) {
            b.append(String.format(Locale.ROOT, f + "%s%n", "closed early", join(r.closes)));
        }
        if (r.counters.containsKey("expected")) {
            long wall = r.get("messaging_wall_nanos");
            b.append(String.format(Locale.ROOT, f + "sent %d, received %d of %d expected; %.0f msg/s over %.2f s%n",
                    "messages", r.get("sent"), r.get("received"), r.get("expected"),
                    perSecond(r.get("received"), wall), seconds(wall)));
            b.append(String.format(Locale.ROOT, f + "lost %d, duplicated %d, out of order %d%n", "correctness",
                    r.get("lost"), r.get("duplicated"), r.get("out_of_order")));
            b.append(String.format(Locale.ROOT, f + "%s%n", "latency", r.histogram("latency").summaryMillis()));
            if (r.histograms.containsKey("round_trip")) {
                b.append(String.format(Locale.ROOT, f + "%s%n", "round trip",
                        r.histogram("round_trip").summaryMillis()));
            }
        }
        if (r.counters.containsKey("presence_frames")) {
            b.append(String.format(Locale.ROOT, f + "%d user_joined frames received (%d frames in all)%n",
                    "presence", r.get("presence_frames"), r.get("frames_received")));
        }
        if (!r.outcomes.isEmpty()) {
            b.append(String.format(Locale.ROOT, f + "%d of %d bad clients answered as documented%n", "bad input",
                    r.get("bad_answered_as_documented"), r.get("bad_clients")));
            r.outcomes.forEach((k, v) -> b.append(String.format(Locale.ROOT, f + "%5d  %s%n", "", v, k)));
        }
        long wall = r.get("measured_wall_nanos");
        if (wall > 0) {
            String op = operation(r.type);
            long ops = operations(r);
            StringBuilder cpu = new StringBuilder();
            cpuOf(cpu, r, "server", wall, op, ops);
            cpuOf(cpu, r, "redis", wall, op, ops);
            long c = r.get("client_cpu_nanos");
            cpu.append(String.format(Locale.ROOT, "load tool %.2f s (%.0f%% of a core)", seconds(c), 100.0 * c / wall));
            if (op != null && ops > 0) {
                cpu.append(String.format(Locale.ROOT, ", %.2f µs per %s", c / 1000.0 / ops, op));
            }
            b.append(String.format(Locale.ROOT, f + "%s, over %.2f s%n", "cpu", cpu, seconds(wall)));
        }
        if (r.counters.containsKey("server_rss_held_kib") && r.get("opened") > 0) {
            long delta = r.get("server_rss_held_kib") - r.get("server_rss_before_kib");
            b.append(String.format(Locale.ROOT, f + "server RSS %d MiB -> %d MiB: %.1f KiB per connection%n",
                    "memory", r.get("server_rss_before_kib") / 1024, r.get("server_rss_held_kib") / 1024,
                    (double) delta / r.get("opened")));
        }
        return b.toString();
    }

    private static String join(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + ": " + v));
        return String.join("; ", parts);
    }

    static String json(Options o, String started, List<Result> results) {
        List<String> tests = new ArrayList<>();
        for (Result r : results) {
            tests.add(json(o, r).toString());
        }
        return Json.obj().str("tool", "switchboard-loadtest").str("label", o.label).str("url", o.urlList()).num("nodes", o.urls.size())
                .str("started", started).num("connections", o.connections).num("messages", o.messages)
                .num("duration", o.duration).num("max_concurrent", o.maxConcurrent)
                .num("message_interval_ms", o.messageIntervalMs).num("rate", o.rate).num("window", o.window)
                .raw("tests", Json.array(tests)).toString();
    }

    static Json.Obj json(Options o, Result r) {
        Json.Obj t = Json.obj().str("type", r.type);
        long connectWall = r.get("connect_wall_nanos");
        Json.Obj handshake = Json.obj();
        r.histogram("handshake").json(handshake);
        t.obj("connections", Json.obj().num("attempted", r.get("attempted")).num("opened", r.get("opened"))
                .num("failed", r.get("failed")).num("per_second", perSecond(r.get("opened"), connectWall))
                .num("seconds", seconds(connectWall)).obj("failures", map(r.failures))
                .obj("closed_early", map(r.closes)).obj("handshake", handshake));
        if (r.counters.containsKey("expected")) {
            long wall = r.get("messaging_wall_nanos");
            Json.Obj lat = Json.obj();
            r.histogram("latency").json(lat);
            Json.Obj m = Json.obj().num("sent", r.get("sent")).num("received", r.get("received"))
                    .num("expected", r.get("expected")).num("lost", r.get("lost"))
                    .num("duplicated", r.get("duplicated")).num("out_of_order", r.get("out_of_order"))
                    .num("per_second", perSecond(r.get("received"), wall)).num("seconds", seconds(wall))
                    .obj("latency", lat);
            if (r.histograms.containsKey("round_trip")) {
                Json.Obj rt = Json.obj();
                r.histogram("round_trip").json(rt);
                m.obj("round_trip", rt);
            }
            t.obj("messages", m);
        }
        if (r.counters.containsKey("presence_frames")) {
            t.num("presence_frames", r.get("presence_frames"));
        }
        if (!r.outcomes.isEmpty()) {
            t.obj("bad_input", Json.obj().num("clients", r.get("bad_clients"))
                    .num("answered_as_documented", r.get("bad_answered_as_documented")).obj("outcomes",
                            map(r.outcomes)));
        }
        long wall = r.get("measured_wall_nanos");
        String op = operation(r.type);
        long ops = operations(r);
        Json.Obj cpu = Json.obj().num("seconds", seconds(wall)).str("operation", op).num("operations", ops)
                .num("client_ms", r.get("client_cpu_nanos") / 1e6)
                .num("client_util", wall > 0 ? (double) r.get("client_cpu_nanos") / wall : 0);
        if (ops > 0) {
            cpu.num("client_us_per_op", r.get("client_cpu_nanos") / 1000.0 / ops);
        }
        for (String who : new String[] {"server", "redis"}) {
            if (r.counters.containsKey(who + "_cpu_nanos")) {
                long s = r.get(who + "_cpu_nanos");
                cpu.num(who + "_ms", s / 1e6).num(who + "_util", wall > 0 ? (double) s / wall : 0);
                if (ops > 0) {
                    cpu.num(who + "_us_per_op", s / 1000.0 / ops);
                }
            }
        }
        t.obj("cpu", cpu);
        if (r.counters.containsKey("server_rss_held_kib")) {
            t.obj("memory", Json.obj().num("server_rss_before_kib", r.get("server_rss_before_kib"))
                    .num("server_rss_held_kib", r.get("server_rss_held_kib"))
                    .num("kib_per_connection", r.get("opened") == 0 ? 0
                            : (double) (r.get("server_rss_held_kib") - r.get("server_rss_before_kib"))
                            / r.get("opened")));
        }
        return t;
    }

    private static Json.Obj map(Map<String, Long> m) {
        Json.Obj o = Json.obj();
        m.forEach(o::num);
        return o;
    }
}
