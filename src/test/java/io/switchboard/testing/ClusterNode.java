package io.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node run as its own process: a standalone node, or a container (WildFly, Payara Micro) serving the WAR. Its
 * combined output is read line by line as it comes (a full pipe would block the node's logging, and so the node)
 * and appended to a log file. A standalone node's port is taken from the line it logs once it serves; a container
 * is given its address and is ready once {@code /health} answers there. Stopping a node stops the processes it
 * started too (WildFly's {@code standalone.sh} runs the server as its child).
 */
final class ClusterNode {
    private static final Pattern LISTENING = Pattern.compile("Switchboard listening on 127\\.0\\.0\\.1:(\\d+)");
    /**
     * Lines after which a node will never serve although its process goes on: Payara Micro that failed to start
     * (it stays up, serving nothing), or Switchboard refusing to start in a container.
     */
    private static final Pattern FATAL = Pattern.compile("Failed to start, exiting|Switchboard cannot start");
    private static final int TAIL_LINES = 40;
    /** Every node process not yet seen to end: the last resort when the test JVM exits without afterAll. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ClusterNode::destroyTree),
                "cluster-node-reaper"));
    }

    private final String id;
    private final Process process;
    private final PrintWriter log;
    private final Thread reader;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    /** Where a container serves the application (given, not logged); null for a standalone node. */
    private final URI knownBase;
    private final Deque<String> tail = new ArrayDeque<>();
    private boolean terminated;
    private volatile String fatal;

    private ClusterNode(String id, Process process, PrintWriter log, URI knownBase) {
        this.id = id;
        this.process = process;
        this.log = log;
        this.knownBase = knownBase;
        this.reader = new Thread(this::pump, "cluster-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the process; {@link #awaitListening} waits until it serves. The log file is appended to. */
    static ClusterNode launch(String id, List<String> command, Map<String, String> env, Path logFile)
            throws IOException {
        return launch(id, command, env, logFile, null);
    }

    /** A node serving the application at {@code base}: {@link #awaitHealthy} waits until it does. */
    static ClusterNode launch(String id, List<String> command, Map<String, String> env, Path logFile, URI base)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(inOwnSession(command)).directory(logFile.getParent().toFile())
                .redirectErrorStream(true);
        // Nothing from the developer's shell may configure a node: only what the test gives it.
        pb.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_") || k.startsWith("JWT_")
                || k.equals("DATABASE_URL") || k.equals("REDIS_URL") || k.equals("JAVA_OPTS")
                || k.startsWith("JBOSS_"));
        pb.environment().putAll(env);
        // PrintWriter never throws: a log that cannot be written must not stop the pipe from being read.
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        log.println(Instant.now() + " [harness] starting " + id);
        Process process = pb.start();
        RUNNING.add(process);
        return new ClusterNode(id, process, log, base);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                remember(line);
                if (fatal == null && FATAL.matcher(line).find()) {
                    fatal = line;
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // The process ended and took the pipe with it.
        } finally {
            port.completeExceptionally(new IllegalStateException(id + " ended before it listened"));
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The last lines the node printed, for failure messages. */
    synchronized String tail() {
        return String.join("\n", tail);
    }

    /** Waits until the node logged its port, at most until {@code deadline} (a {@link System#nanoTime()}). */
    void awaitListening(long deadline) {
        try {
            port.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(id + " did not log 'Switchboard listening on' in time; last lines:\n"
                    + tail());
        } catch (ExecutionException e) {
            awaitExit(Duration.ofSeconds(5));
            throw new IllegalStateException(id + " ended (exit code " + exitCode() + ") before it listened; "
                    + "last lines:\n" + tail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + id + " was starting");
        }
    }

    /**
     * Waits until {@code /health} answers 200 at the node's base, at most until {@code deadline} (a
     * {@link System#nanoTime()}); fails at once if the process ends first.
     */
    void awaitHealthy(long deadline) {
        URI health = base().resolve("health");
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        try {
            Eventually.await(id + " answers 200 at " + health, left, () -> {
                if (!process.isAlive() || fatal != null) {
                    String why = fatal != null ? " logged '" + fatal + "'" : " ended (exit code " + exitCode() + ")";
                    throw new IllegalStateException(id + why + " before it served; last lines:\n" + tail());
                }
                return answers(health);
            });
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "; last lines:\n" + tail(), e);
        }
    }

    private static boolean answers(URI health) {
        try {
            return Http.get(health, null).status() == 200;
        } catch (IllegalStateException notYet) {
            return false; // refused: not listening yet
        }
    }

    int port() {
        return knownBase != null ? knownBase.getPort() : port.getNow(-1);
    }

    URI base() {
        return knownBase != null ? knownBase : URI.create("http://127.0.0.1:" + port() + "/");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL, as {@code kill -9}: returns once the process has ended. */
    void kill(Duration limit) {
        log.println(Instant.now() + " [harness] SIGKILL");
        destroyTree(process);
        if (!awaitExit(limit)) {
            throw new IllegalStateException(id + " still runs " + limit + " after SIGKILL");
        }
    }

    /** SIGTERM, without waiting: an orderly stop begins. Sent once. */
    synchronized void terminate() {
        if (!terminated && process.isAlive()) {
            terminated = true;
            log.println(Instant.now() + " [harness] SIGTERM");
            process.destroy();
        }
    }

    /** What {@link #cleanUpAfter} runs. */
    interface Cleanup {
        void run() throws Exception;
    }

    /**
     * For a start that failed with {@code failure}: runs {@code cleanup} (stop what did start), and adds a failure of
     * that to {@code failure}, which the caller then throws.
     */
    static void cleanUpAfter(Throwable failure, Cleanup cleanup) {
        try {
            cleanup.run();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * The command run in a session (and process group) of its own where {@code setsid} exists: whatever a server or
     * its start script signals to its group never reaches this test JVM, whose standard output is the build's
     * channel to it. (setsid replaces itself with the command: the process, its pid and its pipes stay ours.)
     */
    private static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> own = new java.util.ArrayList<>(command.size() + 1);
        own.add(SETSID.toString());
        own.addAll(command);
        return own;
    }

    /** SIGKILL to the process and everything it started, children first: nothing is left orphaned. */
    private static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Stops these nodes: SIGTERM to all at once, then each waited for (SIGKILL after {@code grace}). One node that
     * will not end does not keep the others running: its failure is thrown after the rest have ended.
     */
    static void stopAll(List<ClusterNode> nodes, Duration grace, Duration killLimit) {
        nodes.forEach(ClusterNode::terminate);
        RuntimeException failure = null;
        for (ClusterNode n : nodes) {
            try {
                n.stop(grace, killLimit);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** SIGTERM, then SIGKILL if the node has not ended within {@code grace}; returns once it has ended. */
    void stop(Duration grace, Duration killLimit) {
        terminate();
        if (!awaitExit(grace)) {
            log.println(Instant.now() + " [harness] no exit " + grace + " after SIGTERM: killing");
            kill(killLimit);
        }
    }

    private boolean awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            RUNNING.remove(process);
            // The rest of its output is still in the pipe: let the reader write it to the log.
            reader.join(2_000);
            log.println(Instant.now() + " [harness] ended with exit code " + process.exitValue());
            log.close();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private String exitCode() {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }
}
