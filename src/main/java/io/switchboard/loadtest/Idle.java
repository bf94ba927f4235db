package io.switchboard.loadtest;

/** Idle connections: open them, then hold them for {@code --duration} s while the server's memory is measured. */
final class Idle extends Scenario {
    Idle(Options o, Engine engine, Tokens tokens, int count) {
        super("idle", o, engine, tokens, count);
    }

    @Override
    public void text(WsConnection c, byte[] a, int off, int len) {
        received++;
    }

    void finish() {
        r.add("attempted", conns.length);
        r.add("opened", opened);
        r.add("failed", failed);
        r.add("still_open_at_end", opened - closedBeforeEnd);
        r.set("connect_wall_nanos", Math.max(0, lastOpenNanos - firstStartNanos));
    }

    private volatile int closedBeforeEnd;

    @Override
    void onUnexpectedClose(WsConnection c, int code, String reason) {
        closedBeforeEnd++;
    }
}
