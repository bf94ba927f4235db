package io.switchboard.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The command line: seed 003's options, plus tokens, output, scaling and measurement knobs. */
final class Options {
    static final String USAGE = """
            usage: java -jar switchboard-loadtest.jar [options]
              --test-type T          storm | throughput | sustained | all (seed 003), or fanout | idle | badinput
                                     (all = storm, throughput, sustained)                       [all]
              --url URL[,URL...]     WebSocket URL, loopback only; several (repeat or comma-separate) spread
                                     the clients over cluster nodes: client i on node i mod N, the two sides
                                     of a pair on different nodes, a fan-out's sender on the first node and
                                     its receivers on the others                 [ws://127.0.0.1:8080/ws]
              --connections N        connections (storm, idle, pairs: 2 per pair; fanout: receivers)    [100]
              --messages N           messages per sender (throughput, fanout)                             [10]
              --duration S           seconds: sustained messaging, idle holding                           [60]
              --max-concurrent N     handshakes in flight at once                                         [50]
              --message-interval MS  sustained: one message per pair every MS ms                         [100]
              --secret S             mint HS256 tokens with this secret (default: $JWT_SECRET)
              --token-file F         or read tokens from F, one per line (distinct users for storm/pairs)
              --json                 print the report as JSON on stdout (progress still goes to stderr)
            more:
              --rate R               fanout: broadcasts per second; 0 = as fast as the window allows      [0]
              --window N             messages in flight per sender (fanout, throughput)                   [32]
              --workers N            worker processes (0 = one per 15,000 connections)                     [0]
              --source-addresses A,B source addresses in 127.0.0.0/8 to spread client ports over
              --server-pid PID[,PID] measure these server processes' CPU (summed) and RSS during each test
              --redis-pid PID        also measure this process's CPU (a cluster's redis-server)
              --connect-timeout S    per handshake                                                        [10]
              --ready-file F         idle: create F once every connection is open, then hold --duration
              --time-limit S         hard limit of one test in seconds       [--duration (at least 60) + 240]
              --label L              a name carried into the JSON report
              --quiet                no progress display
            """;

    String testType = "all";
    URI url = URI.create("ws://127.0.0.1:8080/ws");
    /** Every node's URL; {@link #url} is the first. */
    List<URI> urls = new ArrayList<>(List.of(url));
    private boolean urlGiven;
    int connections = 100;
    int messages = 10;
    int duration = 60;
    int maxConcurrent = 50;
    int messageIntervalMs = 100;
    String secret = System.getenv("JWT_SECRET");
    String tokenFile;
    boolean json;
    double rate;
    int window = 32;
    int workers;
    List<String> sourceAddresses = new ArrayList<>();
    long serverPid;
    /** Every server process to measure (CPU summed); {@link #serverPid} is the first. */
    List<Long> serverPids = new ArrayList<>();
    long redisPid;
    int connectTimeout = 10;
    String readyFile;
    String label = "";
    /** Seconds; 0 = from --duration. */
    int timeLimit;
    boolean quiet;
    /** Set in worker processes: this one's index and the number of workers. */
    int workerIndex = -1;
    int workerCount = 1;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--json" -> o.json = true;
                case "--quiet" -> o.quiet = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        v = args[++i];
                    }
                    o.set(a, v);
                }
            }
        }
        o.validate();
        return o;
    }

    private void set(String name, String v) {
        switch (name) {
            case "--test-type" -> testType = v.toLowerCase(Locale.ROOT);
            case "--url" -> {
                if (!urlGiven) {
                    urls.clear();
                    urlGiven = true;
                }
                for (String u : v.split(",")) {
                    if (!u.isBlank()) {
                        urls.add(URI.create(u.trim()));
                    }
                }
                if (urls.isEmpty()) {
                    throw new IllegalArgumentException("--url: no URL given");
                }
                url = urls.get(0);
            }
            case "--connections" -> connections = positive(name, v);
            case "--messages" -> messages = positive(name, v);
            case "--duration" -> duration = positive(name, v);
            case "--max-concurrent" -> maxConcurrent = positive(name, v);
            case "--message-interval" -> messageIntervalMs = positive(name, v);
            case "--secret" -> secret = v;
            case "--token-file" -> tokenFile = v;
            case "--rate" -> rate = Double.parseDouble(v);
            case "--window" -> window = positive(name, v);
            case "--workers" -> workers = Integer.parseInt(v);
            case "--source-addresses" -> sourceAddresses = List.of(v.split(","));
            case "--server-pid" -> {
                for (String pid : v.split(",")) {
                    if (!pid.isBlank()) {
                        serverPids.add(pid(name, pid.trim()));
                    }
                }
                serverPid = serverPids.isEmpty() ? 0 : serverPids.get(0);
            }
            case "--redis-pid" -> redisPid = pid(name, v.trim());
            case "--connect-timeout" -> connectTimeout = positive(name, v);
            case "--ready-file" -> readyFile = v;
            case "--label" -> label = v;
            case "--time-limit" -> timeLimit = positive(name, v);
            case "--worker" -> {
                String[] p = v.split("/");
                workerIndex = Integer.parseInt(p[0]);
                workerCount = Integer.parseInt(p[1]);
            }
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private static long pid(String name, String v) {
        try {
            long pid = Long.parseLong(v);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + ": not a process id: " + v);
    }

    private static int positive(String name, String v) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a whole number: " + v);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return n;
    }

    private void validate() {
        if (!List.of("storm", "throughput", "sustained", "all", "fanout", "idle", "badinput").contains(testType)) {
            throw new IllegalArgumentException("--test-type: storm, throughput, sustained, all, fanout, idle or "
                    + "badinput");
        }
        for (URI u : urls) {
            if (!"ws".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("--url must be ws://host:port/path");
            }
            // Load is only ever generated against this machine (a benchmarking tool, not an attack tool).
            if (!isLoopback(u.getHost())) {
                throw new IllegalArgumentException("--url must point at a loopback address (127.0.0.0/8, ::1, "
                        + "localhost): " + u.getHost());
            }
        }
        for (String s : sourceAddresses) {
            if (!isLoopback(s)) {
                throw new IllegalArgumentException("--source-addresses: " + s + " is not in 127.0.0.0/8");
            }
        }
        if ((secret == null || secret.isBlank()) && tokenFile == null) {
            throw new IllegalArgumentException("give --secret (or set JWT_SECRET) or --token-file");
        }
        if (connections > 1_000_000) {
            throw new IllegalArgumentException("--connections: at most 1,000,000");
        }
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    int port() {
        return port(url);
    }

    static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : 80;
    }

    /** The URLs as one --url value (for worker processes). */
    String urlList() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }

    /** Hard limit for one test: nothing runs unbounded. */
    long deadlineNanos() {
        long seconds = timeLimit > 0 ? timeLimit : Math.max(duration, 60) + 240L;
        return System.nanoTime() + seconds * 1_000_000_000L;
    }
}
