package io.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * {@code java -jar switchboard-loadtest.jar --test-type storm|throughput|sustained|all|fanout|idle|badinput …}
 * (see {@link Options#USAGE}). Runs each test in this process, or, past one process's share of the open-files cap,
 * in worker processes whose results it merges; prints a live progress line on stderr and the report on stdout.
 */
public final class LoadTest {
    static final int PER_PROCESS = 15_000;
    private final Options o;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean tty = System.console() != null;

    private LoadTest(Options o, PrintStream out, PrintStream err) {
        this.o = o;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the tool; the exit code is 0 when every test lost and duplicated nothing, 1 otherwise, 2 for a bad
     * command line.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("loadtest: " + e.getMessage());
            }
            err.print(Options.USAGE);
            return 2;
        }
        LoadTest tool = new LoadTest(o, out, err);
        return o.workerIndex >= 0 ? tool.worker() : tool.coordinator();
    }

    // ---------------------------------------------------------------- coordinator

    private int coordinator() throws Exception {
        List<String> types = "all".equals(o.testType) ? List.of("storm", "throughput", "sustained")
                : List.of(o.testType);
        List<Result> results = new ArrayList<>();
        String started = Instant.now().toString();
        for (String type : types) {
            int workers = o.workers > 0 ? o.workers : (o.connections + PER_PROCESS - 1) / PER_PROCESS;
            Result r;
            if (workers > 1) {
                if (!type.equals("storm") && !type.equals("idle")) {
                    err.println("loadtest: " + type + " runs in one process (at most " + PER_PROCESS
                            + " connections); storm and idle spread over workers");
                    return 2;
                }
                r = new Workers(o, type, workers, err, tty).run();
            } else {
                r = runLocal(type, o.connections, null);
            }
            results.add(r);
            if (!o.json) {
                out.println(Report.text(o, r));
                out.flush();
            }
        }
        if (o.json) {
            out.println(Report.json(o, started, results));
            out.flush();
        }
        boolean clean = results.stream().allMatch(r -> r.get("lost") == 0 && r.get("duplicated") == 0);
        return clean ? 0 : 1;
    }

    // ---------------------------------------------------------------- worker

    /** A worker: one slice of the connections; talks to the coordinator in lines on stdin/stdout. */
    private int worker() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        WorkerLink link = new WorkerLink(in, out);
        Result r = runLocal(o.testType, o.connections, link);
        link.say(r.encode());
        return 0;
    }

    /** How a worker waits for its coordinator; null when running alone. */
    record WorkerLink(BufferedReader in, PrintStream out) {
        void say(String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }

        void await(String word) throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals(word)) {
                    return;
                }
            }
            throw new IOException("coordinator went away");
        }
    }

    // ---------------------------------------------------------------- one test in this process

    Result runLocal(String type, int count, WorkerLink link) throws Exception {
        Tokens tokens = new Tokens(o);
        try (Engine engine = new Engine()) {
            Scenario s = switch (type) {
                case "storm" -> new Storm(o, engine, tokens, count);
                case "throughput" -> new Pairs(false, o, engine, tokens, count);
                case "sustained" -> new Pairs(true, o, engine, tokens, count);
                case "fanout" -> new Fanout(o, engine, tokens, count);
                case "idle" -> new Idle(o, engine, tokens, count);
                case "badinput" -> new BadInput(o, engine, tokens, count);
                default -> throw new IllegalArgumentException(type);
            };
            Progress progress = new Progress(type, s, link, err, tty && !o.quiet && link == null);
            long deadline = o.deadlineNanos();
            long rss0 = CpuClock.rssKib(o.serverPids);
            if (link != null) {
                link.say("PREPARED");
                link.await("GO");
            }
            Meter meter = new Meter(o.serverPids, o.redisPid);
            boolean measureConnects = type.equals("storm") || type.equals("idle");
            if (measureConnects) {
                meter.start();
            }
            engine.submit(s::connectAll);
            progress.await(s::connectDone, deadline, engine);
            switch (type) {
                case "storm" -> {
                    progress.await(() -> quietFor(s, 1_000), deadline, engine);
                    onEngine(engine, () -> meter.stop(s.r));
                    if (link != null) {
                        link.say("MEASURED");
                    }
                    onEngine(engine, ((Storm) s)::finish);
                }
                case "idle" -> {
                    progress.await(() -> quietFor(s, 1_000), deadline, engine);
                    onEngine(engine, () -> meter.stop(s.r));
                    if (link != null) {
                        link.say("MEASURED");
                    }
                    sleep(2_000);
                    if (!o.serverPids.isEmpty()) {
                        long held = CpuClock.rssKib(o.serverPids);
                        onEngine(engine, () -> {
                            s.r.set("server_rss_before_kib", rss0);
                            s.r.set("server_rss_held_kib", held);
                        });
                    }
                    if (link != null) {
                        link.say("READY");
                        link.await("RELEASE");
                    } else {
                        if (o.readyFile != null) {
                            Files.writeString(Path.of(o.readyFile), s.opened + "\n");
                        }
                        long until = System.nanoTime() + o.duration * 1_000_000_000L;
                        progress.await(() -> System.nanoTime() > until, deadline, engine);
                    }
                    onEngine(engine, ((Idle) s)::finish);
                }
                case "throughput", "sustained" -> {
                    Pairs p = (Pairs) s;
                    progress.await(() -> quietFor(s, 500), deadline, engine);
                    meter.start();
                    onEngine(engine, p::startMessaging);
                    progress.await(() -> p.messagingDone() || stalled(s, p.messagingFromNanos, 3_000), deadline,
                            engine);
                    onEngine(engine, () -> meter.stop(s.r));
                    onEngine(engine, p::finish);
                }
                case "fanout" -> {
                    Fanout f = (Fanout) s;
                    progress.await(() -> quietFor(s, 500), deadline, engine);
                    meter.start();
                    onEngine(engine, f::startMessaging);
                    progress.await(() -> f.messagingDone() || stalled(s, f.fromNanos, 3_000), deadline, engine);
                    onEngine(engine, () -> meter.stop(s.r));
                    onEngine(engine, f::finish);
                }
                case "badinput" -> {
                    BadInput b = (BadInput) s;
                    meter.start();
                    onEngine(engine, b::startControl);
                    long settleBy = System.nanoTime() + 5_000_000_000L;
                    progress.await(() -> b.settledAll() || System.nanoTime() > settleBy, deadline, engine);
                    sleep(300);
                    engine.submit(b::stopControl);
                    progress.await(() -> quietFor(s, 500), deadline, engine);
                    onEngine(engine, () -> meter.stop(s.r));
                    int health = health();
                    onEngine(engine, () -> b.finish(health));
                }
                default -> throw new IllegalStateException(type);
            }
            progress.done();
            engine.submit(s::closeAll);
            long closeBy = System.nanoTime() + 10_000_000_000L;
            progress.await(() -> s.allClosed() || System.nanoTime() > closeBy, deadline, engine);
            if (engine.crashed() != null) {
                throw new IllegalStateException("engine failed", engine.crashed());
            }
            return s.r;
        }
    }

    private static boolean quietFor(Scenario s, long millis) {
        long last = Math.max(s.lastReceiveNanos, s.lastOpenNanos);
        return System.nanoTime() - Math.max(last, s.firstStartNanos) > millis * 1_000_000L;
    }

    /** Nothing received for a while since messaging started: whatever is missing is lost. */
    private static boolean stalled(Scenario s, long fromNanos, long millis) {
        if (fromNanos == 0) {
            return false;
        }
        long last = Math.max(s.lastReceiveNanos, fromNanos);
        return System.nanoTime() - last > millis * 1_000_000L;
    }

    /** Runs on the engine thread and waits: results are only ever touched there. */
    private static void onEngine(Engine engine, Runnable task) throws InterruptedException {
        var latch = new java.util.concurrent.CountDownLatch(1);
        engine.submit(() -> {
            try {
                task.run();
            } finally {
                latch.countDown();
            }
        });
        latch.await();
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private int health() {
        try {
            URI u = new URI("http", null, o.url.getHost(), o.port(), "/health", null, null);
            HttpResponse<String> res = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(u)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits for conditions while showing progress (stderr, or "P …" lines to a coordinator). */
    static final class Progress {
        private final String type;
        private final Scenario s;
        private final WorkerLink link;
        private final PrintStream err;
        private final boolean show;
        private long lastPrint = System.nanoTime();
        private long lastOpened;
        private long lastReceived;
        private boolean printed;

        Progress(String type, Scenario s, WorkerLink link, PrintStream err, boolean show) {
            this.type = type;
            this.s = s;
            this.link = link;
            this.err = err;
            this.show = show;
        }

        void await(BooleanSupplier done, long deadline, Engine engine) throws InterruptedException {
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("test did not finish in time");
                }
                if (engine.crashed() != null) {
                    throw new IllegalStateException("engine failed", engine.crashed());
                }
                Thread.sleep(20);
                tick();
            }
            tick();
        }

        private void tick() {
            long now = System.nanoTime();
            if (now - lastPrint < 1_000_000_000L) {
                return;
            }
            double secs = (now - lastPrint) / 1e9;
            lastPrint = now;
            if (link != null) {
                link.say("P " + s.opened + "," + s.failed + "," + s.sent + "," + s.received + "," + s.conns.length);
                return;
            }
            if (!show) {
                return;
            }
            long opened = s.opened;
            long rec = s.received;
            err.print(line(type, opened, s.failed, s.conns.length, s.sent, rec,
                    (opened - lastOpened) / secs, (rec - lastReceived) / secs) + "\r");
            err.flush();
            printed = true;
            lastOpened = opened;
            lastReceived = rec;
        }

        void done() {
            if (printed) {
                err.print(" ".repeat(110) + "\r");
                err.flush();
            }
        }

        static String line(String type, long opened, long failed, long total, long sent, long rec, double connRate,
                           double recRate) {
            return String.format(Locale.ROOT, "[%s] open %d/%d  failed %d  %.0f conn/s  sent %d  received %d"
                    + "  %.0f msg/s   ", type, opened, total, failed, connRate, sent, rec, recRate);
        }
    }
}
