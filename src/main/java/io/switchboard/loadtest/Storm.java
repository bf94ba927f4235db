package io.switchboard.loadtest;

/**
 * Connection storm (seed 003 "storm"): {@code --connections} distinct users connect as fast as
 * {@code --max-concurrent} handshakes in flight allow. Measures connects/s, handshake latency and failures, then
 * waits until the presence events the joins caused ({@code user_joined}, SWITCHBOARD_PRESENCE_EVENTS) stop
 * arriving, so that the server's CPU per connect includes telling everyone.
 */
final class Storm extends Scenario {
    private static final byte[] JOINED = "\"user_joined\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    volatile long presence;

    Storm(Options o, Engine engine, Tokens tokens, int count) {
        super("storm", o, engine, tokens, count);
    }

    @Override
    public void text(WsConnection c, byte[] a, int off, int len) {
        received++;
        lastReceiveNanos = System.nanoTime();
        if (Scan.indexOf(a, off, off + len, JOINED) >= 0) {
            presence++;
        }
    }

    void finish() {
        r.add("attempted", conns.length);
        r.add("opened", opened);
        r.add("failed", failed);
        r.add("presence_frames", presence);
        r.add("frames_received", received);
        r.set("connect_wall_nanos", Math.max(0, lastOpenNanos - firstStartNanos));
        r.set("last_frame_at_nanos", Math.max(lastOpenNanos, lastReceiveNanos));
    }
}
