package io.switchboard.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Locale;

/**
 * Bad-input survival: {@code --connections} misbehaving clients, each sending one kind of bad input (SPEC §4,
 * §12), while a pair of well-behaved users keeps exchanging direct messages. Every bad client must get its
 * documented answer (an error code, a close code or an HTTP status), the pair must lose nothing, and the server
 * must still answer {@code /health} afterwards.
 */
final class BadInput extends Scenario {
    private final Histogram latency = r.histogram("latency");
    /** Kinds of bad input and the answer SPEC §12 fixes for each. */
    enum Kind {
        NOT_JSON("error bad_json"),
        WRONG_SHAPE("error bad_message"),
        NO_TYPE("error bad_message"),
        UNKNOWN_TYPE("error unknown_type"),
        SERVER_ONLY_TYPE("error bad_message"),
        BINARY("error unsupported_binary"),
        OVERSIZED("close 1009"),
        BAD_UTF8("close 1007"),
        ERROR_FLOOD("close 1008"),
        BAD_OPCODE("close 1002"),
        UNMASKED("close 1002"),
        BAD_TOKEN("http 401");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int bad;
    private final String[] outcome;
    private final BitSet seen = new BitSet();
    private final long[] maxSeen = new long[1];
    private final long[] scratch = new long[3];
    private int seq;
    private volatile int settled;
    private volatile boolean stop;
    private long controlSent;

    BadInput(Options o, Engine engine, Tokens tokens, int bad) {
        super("badinput", o, engine, tokens, bad + 2);
        this.bad = bad;
        this.outcome = new String[bad];
    }

    private Kind kindOf(int i) {
        return Kind.values()[i % Kind.values().length];
    }

    @Override
    String pathFor(int i) {
        if (i < bad && kindOf(i) == Kind.BAD_TOKEN) {
            return super.pathFor(i).replaceFirst("token=.*", "token=not.a.jwt");
        }
        return super.pathFor(i);
    }

    /** The pair (the last two connections) exchanges a message every 10 ms until the bad clients have settled. */
    void startControl() {
        engine.schedule(10_000_000L, this::controlTick);
    }

    private void controlTick() {
        WsConnection a = conns[bad];
        if (stop || a == null || !a.isOpen()) {
            return;
        }
        seq++;
        controlSent++;
        sent++;
        a.sendText(direct(users[bad + 1], "C,0," + seq + "," + System.nanoTime()));
        engine.schedule(10_000_000L, this::controlTick);
    }

    void stopControl() {
        stop = true;
    }

    @Override
    void onOpen(WsConnection c) {
        if (c.index >= bad) {
            return;
        }
        byte[] junk;
        switch (kindOf(c.index)) {
            case NOT_JSON -> c.sendText(utf8("{this is not json"));
            case WRONG_SHAPE -> c.sendText(utf8("[1,2,3]"));
            case NO_TYPE -> c.sendText(utf8("{\"id\":\"x1\",\"data\":{\"content\":\"no type\"}}"));
            case UNKNOWN_TYPE -> c.sendText(utf8("{\"id\":\"x2\",\"message_type\":\"teleport\"}"));
            case SERVER_ONLY_TYPE -> c.sendText(utf8("{\"id\":\"x3\",\"message_type\":\"user_joined\",\"data\":{}}"));
            case BINARY -> c.sendFrame(0x2, new byte[] {1, 2, 3}, 0, 3);
            case OVERSIZED -> {
                junk = new byte[70_000];
                java.util.Arrays.fill(junk, (byte) 'a');
                c.sendText(utf8("{\"message_type\":\"text\",\"data\":{\"content\":\"" + new String(junk,
                        StandardCharsets.US_ASCII) + "\"}}"));
            }
            case BAD_UTF8 -> c.sendFrame(0x1, new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}, 0, 4);
            case ERROR_FLOOD -> {
                for (int k = 0; k < 25; k++) {
                    c.sendText(utf8("{oops"));
                }
            }
            case BAD_OPCODE -> c.sendFrame(0x3, new byte[] {1}, 0, 1);
            case UNMASKED -> c.sendFrame(0x81, utf8("{}"), 0, 2, false);
            default -> {
                // BAD_TOKEN never opens
            }
        }
    }

    @Override
    public void text(WsConnection c, byte[] a, int off, int len) {
        if (c.index >= bad) {
            if (c.index == bad + 1 && Scan.marker(a, off, len, scratch) == 'C') {
                received++;
                latency.record((System.nanoTime() - scratch[2]) / 1000);
                track(seen, maxSeen, 0, scratch[1], r);
            }
            return;
        }
        if (outcome[c.index] == null && kindOf(c.index).expected.startsWith("error")) {
            String type = Scan.valueAfter(a, off, len, Scan.TYPE);
            if ("error".equals(type)) {
                settle(c.index, "error " + Scan.valueAfter(a, off, len, Scan.CODE));
            }
        }
    }

    @Override
    public void closed(WsConnection c, int code, String reason) {
        if (c.index < bad) {
            // A bad client's close is its expected answer, not a surprise.
            settle(c.index, "close " + code);
            closed++;
            return;
        }
        super.closed(c, code, reason);
    }

    @Override
    void onFailed(WsConnection c, String cause) {
        if (c.index < bad) {
            settle(c.index, cause);
        }
    }

    private void settle(int i, String what) {
        if (outcome[i] == null) {
            outcome[i] = what;
            settled++;
        }
    }

    boolean settledAll() {
        return settled >= bad;
    }

    void finish(int healthStatus) {
        int matched = 0;
        for (int i = 0; i < bad; i++) {
            Kind k = kindOf(i);
            String got = outcome[i] == null ? "no answer" : outcome[i];
            r.outcomes.merge(k.label() + " (expect " + k.expected + "): " + got, 1L, Long::sum);
            if (k.expected.equals(got)) {
                matched++;
            }
        }
        r.add("attempted", conns.length);
        r.add("opened", opened);
        r.add("failed", failed);
        r.set("connect_wall_nanos", Math.max(0, lastOpenNanos - firstStartNanos));
        r.set("messaging_wall_nanos", Math.max(0, lastReceiveNanos - firstStartNanos));
        r.add("bad_clients", bad);
        r.add("bad_answered_as_documented", matched);
        r.add("sent", controlSent);
        r.add("expected", controlSent);
        r.add("received", seen.cardinality());
        r.add("lost", controlSent - seen.cardinality());
        r.outcomes.put("health after: http " + healthStatus, 1L);
    }
}
