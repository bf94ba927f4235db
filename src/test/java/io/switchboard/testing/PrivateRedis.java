package io.switchboard.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server process of a test's own, on a loopback port fixed when this object is made (so that nodes can be
 * configured with it before it starts): a test may kill it and start it again on the same port without disturbing
 * any other test or the machine's Redis. It keeps nothing on disk, so every start is an empty Redis, as after a
 * crash without persistence. Skipped (failed under CI) when redis-server is not installed.
 */
public final class PrivateRedis implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final Path SERVER = Path.of("/usr/bin/redis-server");
    private static final Duration START_LIMIT = Duration.ofSeconds(10);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    /** Every server not yet seen to end: the last resort when the test JVM exits without afterAll. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "private-redis-reaper"));
    }

    private final int port;
    private Process process;
    private Path log;

    public PrivateRedis() {
        this.port = freePort();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        RequiredService.require(Files.isExecutable(SERVER), "redis-server is not installed at " + SERVER);
        log = Files.createDirectories(Path.of("target", "cluster-logs", context.getRequiredTestClass().getSimpleName()))
                .resolve("redis.log");
        Files.deleteIfExists(log);
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server (empty) and returns once it answers PING; does nothing when it runs already. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", log.getParent().toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        RUNNING.add(process);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + START_LIMIT + "; see " + log);
            }
            pause();
        }
    }

    /** SIGKILL, as a crash: connections drop at once, everything it held is gone. Returns once it has ended. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server still runs " + STOP_LIMIT + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping redis-server", e);
        }
        RUNNING.remove(process);
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** One PING round trip over a fresh connection, answered with PONG within half a second. */
    public boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redis-server was starting", e);
        }
    }
}
