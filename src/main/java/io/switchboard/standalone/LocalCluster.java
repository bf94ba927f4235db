package io.switchboard.standalone;

import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp target/switchboard-standalone.jar io.switchboard.standalone.LocalCluster [nodes] [first port]}:
 * a cluster to try on one machine (docs/cluster.md). Starts the nodes (default 3, on ports 8081, 8082, ...) as
 * separate processes of this jar, sharing one development secret, the Redis of {@code REDIS_URL} (default the
 * local one) and one H2 database in mixed mode under ./data/cluster; prints tokens that work on every node; stops
 * them all on Ctrl-C. For development only, like the single server's development mode.
 */
public final class LocalCluster {
    private LocalCluster() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int firstPort = args.length > 1 ? Integer.parseInt(args[1]) : 8081;
        String redis = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        if (!reachable(URI.create(redis))) {
            System.err.println("LocalCluster: no Redis at " + redis + ". Start one (redis-server) or set REDIS_URL.");
            System.exit(2);
        }
        Files.createDirectories(Path.of("data"));
        Settings dev = DevelopmentMode.complete(Settings.load(ConfigSource.of(Map.of())));
        String secret = new String(dev.jwtSecret().orElseThrow(), StandardCharsets.UTF_8);
        List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(processes), "local-cluster-stop"));
        CountDownLatch listening = new CountDownLatch(nodes);
        for (int i = 1; i <= nodes; i++) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName());
            pb.environment().putAll(Map.of(
                    "SWITCHBOARD_PORT", Integer.toString(firstPort + i - 1),
                    "SWITCHBOARD_NODE_ID", "node-" + i,
                    "JWT_SECRET", secret,
                    "SWITCHBOARD_ANONYMOUS_DEVICES", "true",
                    "REDIS_URL", redis,
                    // H2's mixed mode: the first node serves the file to the others over TCP.
                    "DATABASE_URL", System.getenv().getOrDefault("DATABASE_URL",
                            "jdbc:h2:file:./data/cluster;AUTO_SERVER=TRUE")));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            processes.add(p);
            CountDownLatch thisOne = new CountDownLatch(1);
            pump(p, "node-" + i, listening, thisOne);
            if (i == 1) {
                // The first node creates the schema (and serves the H2 file) before the others share it.
                thisOne.await(60, TimeUnit.SECONDS);
            }
        }
        if (!listening.await(60, TimeUnit.SECONDS)) {
            System.err.println("LocalCluster: not every node started within 60 s; see the output above.");
        }
        DevelopmentMode.printBanner(System.out, dev, firstPort, DevelopmentMode.tokens(dev));
        System.out.println("Nodes: " + nodes + " on ports " + firstPort + "-" + (firstPort + nodes - 1)
                + " (connect a client to each: they are one hub). Ctrl-C stops them all.");
        for (Process p : processes) {
            p.waitFor();
        }
    }

    private static void pump(Process p, String name, CountDownLatch listening, CountDownLatch thisOne) {
        Thread t = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("[" + name + "] " + line);
                    if (line.contains("Switchboard listening on")) {
                        listening.countDown();
                        thisOne.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the node is gone
            }
        }, name + "-out");
        t.setDaemon(true);
        t.start();
    }

    private static void stopAll(List<Process> processes) {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean reachable(URI redis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(redis.getHost(), redis.getPort() > 0 ? redis.getPort() : 6379), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
