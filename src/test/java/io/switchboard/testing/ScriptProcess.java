package io.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client program run as a real process (the seeds' Python examples): its output lines are collected as they
 * come, so a test waits for the line it expects, with a deadline, and stops the program when done.
 */
public final class ScriptProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();

    private ScriptProcess(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(process.getInputStream(), true), "script-stdout");
        Thread err = new Thread(() -> pump(process.getErrorStream(), false), "script-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    public static ScriptProcess start(List<String> command, Map<String, String> env, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        return new ScriptProcess(pb.start());
    }

    /** Whether {@code command} runs and exits with 0 (e.g. a Python module is importable). */
    public static boolean succeeds(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The next output line matching, skipping others; fails after {@code limit} with everything printed so far. */
    public String awaitLine(Predicate<String> wanted, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (line == null) {
                    break;
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching output line within " + limit + "; stdout: " + output()
                + "; stderr: " + errorOutput() + (process.isAlive() ? "" : "; exited with " + process.exitValue()));
    }

    public synchronized List<String> output() {
        return List.copyOf(seen);
    }

    public synchronized String errorOutput() {
        return errors.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void pump(java.io.InputStream in, boolean stdout) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (this) {
                    if (stdout) {
                        seen.add(line);
                    } else {
                        errors.append(line).append('\n');
                    }
                }
                if (stdout) {
                    lines.add(line);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
