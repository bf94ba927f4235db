package io.switchboard.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spreads one test over worker processes when the connections exceed one process's share of the open-files cap
 * (20,000 per process here). Each worker takes a slice and its own source address in 127.0.0.0/8, so client ports
 * do not run out; they start together on "GO", and the server's CPU is measured here across all of them.
 */
final class Workers {
    private final Options o;
    private final String type;
    private final int n;
    private final PrintStream err;
    private final boolean tty;
    private final List<Process> procs = new ArrayList<>();
    private final List<Writer> stdins = new ArrayList<>();
    private final long[][] progress;
    private final Result[] results;
    private volatile int prepared;
    private volatile int measured;
    private volatile int ready;
    private volatile int finished;

    Workers(Options o, String type, int n, PrintStream err, boolean tty) {
        this.o = o;
        this.type = type;
        this.n = n;
        this.err = err;
        this.tty = tty;
        this.progress = new long[n][5];
        this.results = new Result[n];
    }

    Result run() throws Exception {
        try {
            for (int i = 0; i < n; i++) {
                start(i);
            }
            long deadline = o.deadlineNanos();
            waitUntil(() -> prepared >= n, deadline);
            long rss0 = CpuClock.rssKib(o.serverPids);
            long wall0 = System.nanoTime();
            long server0 = CpuClock.ofPids(o.serverPids);
            long redis0 = CpuClock.ofPid(o.redisPid);
            tell("GO");
            waitUntil(() -> measured >= n, deadline);
            long wall = System.nanoTime() - wall0;
            long server1 = CpuClock.ofPids(o.serverPids);
            long redis1 = CpuClock.ofPid(o.redisPid);
            long rssHeld = -1;
            if (type.equals("idle")) {
                waitUntil(() -> ready >= n, deadline);
                rssHeld = CpuClock.rssKib(o.serverPids);
                if (o.readyFile != null) {
                    long open = 0;
                    for (long[] p : progress) {
                        open += p[0];
                    }
                    Files.writeString(Path.of(o.readyFile), open + "\n");
                }
                long until = System.nanoTime() + o.duration * 1_000_000_000L;
                waitUntil(() -> System.nanoTime() > until, deadline);
                tell("RELEASE");
            }
            waitUntil(() -> finished >= n, deadline);
            Result merged = new Result(type);
            for (Result r : results) {
                if (r != null) {
                    merged.merge(r);
                }
            }
            merged.set("workers", n);
            merged.set("measured_wall_nanos", wall);
            if (server0 >= 0 && server1 >= 0) {
                merged.set("server_cpu_nanos", server1 - server0);
            }
            if (redis0 >= 0 && redis1 >= 0) {
                merged.set("redis_cpu_nanos", redis1 - redis0);
            }
            if (rssHeld > 0) {
                merged.set("server_rss_before_kib", rss0);
                merged.set("server_rss_held_kib", rssHeld);
            }
            if (tty && !o.quiet) {
                err.print(" ".repeat(110) + "\r");
            }
            return merged;
        } finally {
            for (Process p : procs) {
                if (p.isAlive()) {
                    p.destroy();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private void start(int i) throws IOException {
        int slice = o.connections / n + (i < o.connections % n ? 1 : 0);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-Xmx768m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LoadTest.class.getName(), "--worker", i + "/" + n, "--test-type", type, "--url", o.urlList(),
                "--connections", Integer.toString(slice),
                "--max-concurrent", Integer.toString(Math.max(1, (o.maxConcurrent + n - 1) / n)),
                "--duration", Integer.toString(o.duration),
                "--time-limit", Long.toString((o.deadlineNanos() - System.nanoTime()) / 1_000_000_000L),
                "--connect-timeout", Integer.toString(o.connectTimeout),
                "--messages", Integer.toString(o.messages), "--quiet"));
        String sources = o.sourceAddresses.isEmpty() ? "127.0.0." + (11 + i)
                : String.join(",", o.sourceAddresses.subList(i % o.sourceAddresses.size(), o.sourceAddresses.size()));
        cmd.addAll(List.of("--source-addresses", sources));
        if (o.tokenFile != null) {
            cmd.addAll(List.of("--token-file", o.tokenFile));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (o.tokenFile == null) {
            pb.environment().put("JWT_SECRET", o.secret); // not on the command line, where ps shows it
        }
        Process p = pb.start();
        procs.add(p);
        stdins.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
        Thread t = new Thread(() -> read(i, p), "loadtest-worker-" + i);
        t.setDaemon(true);
        t.start();
    }

    private void read(int i, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("P ")) {
                    String[] f = line.substring(2).split(",");
                    long[] v = new long[5];
                    for (int k = 0; k < 5; k++) {
                        v[k] = Long.parseLong(f[k]);
                    }
                    progress[i] = v;
                } else if (line.equals("PREPARED")) {
                    prepared++;
                } else if (line.equals("MEASURED")) {
                    measured++;
                } else if (line.equals("READY")) {
                    ready++;
                } else if (line.startsWith("RESULT ")) {
                    results[i] = Result.decode(line);
                    finished++;
                } else {
                    err.println("[worker " + i + "] " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("[worker " + i + "] " + e);
        }
        if (results[i] == null) {
            err.println("[worker " + i + "] ended without a result (exit " + p.exitValue() + ")");
            finished++;
            prepared++;
            measured++;
            ready++;
        }
    }

    private synchronized void tell(String word) throws IOException {
        for (Writer w : stdins) {
            try {
                w.write(word + "\n");
                w.flush();
            } catch (IOException e) {
                err.println("loadtest: a worker is gone: " + e.getMessage());
            }
        }
    }

    private void waitUntil(java.util.function.BooleanSupplier done, long deadline) throws InterruptedException {
        long lastPrint = 0;
        long lastOpened = 0;
        long lastRec = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers did not finish in time");
            }
            Thread.sleep(50);
            long now = System.nanoTime();
            if (tty && !o.quiet && now - lastPrint > 1_000_000_000L) {
                long[] sum = new long[5];
                for (long[] p : progress) {
                    for (int k = 0; k < 5; k++) {
                        sum[k] += p[k];
                    }
                }
                double secs = lastPrint == 0 ? 1 : (now - lastPrint) / 1e9;
                err.print(LoadTest.Progress.line(type + " x" + n, sum[0], sum[1], o.connections, sum[2], sum[3],
                        (sum[0] - lastOpened) / secs, (sum[3] - lastRec) / secs) + "\r");
                lastOpened = sum[0];
                lastRec = sum[3];
                lastPrint = now;
            }
        }
    }
}
