package io.switchboard.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread that owns every connection of this process and runs all scenario code: callbacks, timers and
 * submitted tasks execute on it, so scenario state needs no locks. Other threads talk to it only through
 * {@link #submit}.
 */
final class Engine implements AutoCloseable {
    /** Shared read buffer: every read lands here first; only an incomplete frame's tail is copied out. */
    final ByteBuffer readBuffer = ByteBuffer.allocate(1 << 18);
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSeq;
    private volatile boolean running = true;
    private volatile Throwable crashed;

    private record Timer(long at, long seq, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    Engine() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::loop, "loadtest-engine");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs a task on the engine thread (from any thread). */
    void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs a task on the engine thread after a delay; engine thread only. */
    void schedule(long delayNanos, Runnable task) {
        timers.add(new Timer(System.nanoTime() + delayNanos, timerSeq++, task));
    }

    boolean inEngine() {
        return Thread.currentThread() == thread;
    }

    Throwable crashed() {
        return crashed;
    }

    SelectionKey register(SocketChannel ch, int ops, WsConnection c) throws IOException {
        return ch.register(selector, ops, c);
    }

    /** Starts a connection (engine thread). */
    void connect(WsConnection c, InetSocketAddress server, InetSocketAddress bindTo) {
        c.start(server, bindTo);
    }

    private void loop() {
        try {
            while (running) {
                long timeoutMillis = 0;
                if (!tasks.isEmpty()) {
                    timeoutMillis = -1;
                } else if (!timers.isEmpty()) {
                    timeoutMillis = Math.max(1, (timers.peek().at - System.nanoTime() + 999_999) / 1_000_000);
                }
                if (timeoutMillis < 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, timeoutMillis);
                }
                Runnable t;
                while ((t = tasks.poll()) != null) {
                    t.run();
                }
                long now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().at - now <= 0) {
                    timers.poll().task.run();
                }
            }
        } catch (Throwable e) {
            crashed = e;
            e.printStackTrace();
        }
    }

    private void ready(SelectionKey key) {
        WsConnection c = (WsConnection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                c.connectable();
            }
            if (key.isValid() && key.isWritable()) {
                c.writable();
            }
            if (key.isValid() && key.isReadable()) {
                c.readable();
            }
        } catch (IOException | RuntimeException e) {
            c.fail(Failures.cause(e));
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
