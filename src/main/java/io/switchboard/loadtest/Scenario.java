package io.switchboard.loadtest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What every test does with connections: open them with at most {@code --max-concurrent} handshakes in flight,
 * time handshakes, count failures by cause and unexpected closes, and close everyone at the end. Subclasses add
 * the messaging; all of it runs on the {@link Engine} thread, the counters are read by the main thread.
 */
abstract class Scenario implements WsConnection.Listener {
    final Options o;
    final Engine engine;
    final Result r;
    final String[] tokens;
    final String[] users;
    /** Per node (one per --url): its address, its Host header, its path. */
    final InetSocketAddress[] servers;
    final String[] hosts;
    final String[] paths;
    final List<InetSocketAddress> sources = new ArrayList<>();
    WsConnection[] conns;

    volatile int opened;
    volatile int failed;
    volatile int closed;
    volatile long sent;
    volatile long received;
    volatile long lastReceiveNanos;
    volatile long lastOpenNanos;
    volatile boolean closingAll;
    long firstStartNanos;
    private int nextToStart;
    private int inFlight;
    private int oldestPending;
    private int sourceIndex;

    Scenario(String type, Options o, Engine engine, Tokens tokens, int count) {
        this.o = o;
        this.engine = engine;
        this.r = new Result(type);
        this.tokens = tokens.tokens(count);
        this.users = tokens.users(count);
        int nodes = o.urls.size();
        this.servers = new InetSocketAddress[nodes];
        this.hosts = new String[nodes];
        this.paths = new String[nodes];
        for (int n = 0; n < nodes; n++) {
            java.net.URI u = o.urls.get(n);
            servers[n] = new InetSocketAddress(u.getHost(), Options.port(u));
            hosts[n] = u.getHost() + ":" + Options.port(u);
            paths[n] = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        }
        for (String s : o.sourceAddresses) {
            sources.add(new InetSocketAddress(s.trim(), 0));
        }
        this.conns = new WsConnection[count];
    }

    String pathFor(int i) {
        return paths[nodeOf(i)] + "?token=" + tokens[i];
    }

    /**
     * The node (index into --url) connection i goes to: i mod N, so that with several nodes the two connections of
     * a pair (2p, 2p+1) are always on different nodes. Fan-out overrides it.
     */
    int nodeOf(int i) {
        return i % servers.length;
    }

    /** Opens every connection, {@code --max-concurrent} at a time (engine thread). */
    void connectAll() {
        firstStartNanos = System.nanoTime();
        r.set("connect_from_nanos", firstStartNanos);
        launchMore();
        engine.schedule(250_000_000L, this::sweepTimeouts);
    }

    private void launchMore() {
        while (inFlight < o.maxConcurrent && nextToStart < conns.length) {
            launch(nextToStart++);
        }
    }

    private void launch(int i) {
        inFlight++;
        int node = nodeOf(i);
        WsConnection c = new WsConnection(engine, i, users[i], hosts[node], pathFor(i), this);
        conns[i] = c;
        InetSocketAddress bind = sources.isEmpty() ? null : sources.get(sourceIndex % sources.size());
        engine.connect(c, servers[node], bind);
    }

    private void sweepTimeouts() {
        long limit = o.connectTimeout * 1_000_000_000L;
        long now = System.nanoTime();
        while (oldestPending < nextToStart) {
            WsConnection c = conns[oldestPending];
            if (c.isHandshaking()) {
                if (now - c.startedNanos < limit) {
                    break;
                }
                c.abort();
            }
            oldestPending++;
        }
        if (oldestPending < conns.length && !closingAll) {
            engine.schedule(250_000_000L, this::sweepTimeouts);
        }
    }

    boolean connectDone() {
        return opened + failed >= conns.length;
    }

    @Override
    public void opened(WsConnection c) {
        inFlight--;
        opened++;
        lastOpenNanos = c.openedNanos;
        r.histogram("handshake").record((c.openedNanos - c.startedNanos) / 1000);
        onOpen(c);
        launchMore();
    }

    @Override
    public void failed(WsConnection c, String cause) {
        inFlight--;
        if (cause.startsWith("no free source port") && sources.size() > 1 && sourceIndex + 1 < sources.size()) {
            sourceIndex++;
            nextToStart--;
            conns[c.index] = null;
            launch(c.index);
            nextToStart++;
            return;
        }
        failed++;
        r.failures.merge(cause, 1L, Long::sum);
        onFailed(c, cause);
        launchMore();
    }

    @Override
    public void closed(WsConnection c, int code, String reason) {
        closed++;
        if (!closingAll) {
            r.closes.merge(code + " " + reason, 1L, Long::sum);
            onUnexpectedClose(c, code, reason);
        }
    }

    void onOpen(WsConnection c) {
    }

    void onFailed(WsConnection c, String cause) {
    }

    void onUnexpectedClose(WsConnection c, int code, String reason) {
    }

    /** Closes every open connection with 1000 (engine thread); stragglers are reset after 5 s. */
    void closeAll() {
        closingAll = true;
        for (WsConnection c : conns) {
            if (c != null && !c.isDone()) {
                c.close(1000, 5_000_000_000L);
            }
        }
    }

    boolean allClosed() {
        for (WsConnection c : conns) {
            if (c != null && !c.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** Counters for the progress line: open, failed, sent, received. */
    long[] progress() {
        return new long[] {opened - (closingAll ? 0 : 0), failed, sent, received, conns.length};
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A text message to one user carrying the tool's marker. */
    static byte[] direct(String to, String marker) {
        return utf8("{\"message_type\":\"text\",\"data\":{\"content\":\"" + marker + "\"},\"to_user_id\":\"" + to
                + "\"}");
    }

    /** A broadcast (no to_user_id, no room) carrying the tool's marker. */
    static byte[] broadcast(String marker) {
        return utf8("{\"message_type\":\"text\",\"data\":{\"content\":\"" + marker + "\"}}");
    }

    /** Records a numbered message from one stream: true when it is new (not a duplicate). */
    static boolean track(java.util.BitSet seen, long[] maxSeen, int slot, long seq, Result r) {
        if (seen.get((int) seq)) {
            r.add("duplicated", 1);
            return false;
        }
        seen.set((int) seq);
        if (seq < maxSeen[slot]) {
            r.add("out_of_order", 1);
        } else {
            maxSeen[slot] = seq;
        }
        return true;
    }
}
