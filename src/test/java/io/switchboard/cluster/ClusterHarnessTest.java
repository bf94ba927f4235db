package io.switchboard.cluster;

import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.Http;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster harness itself, with no cross-node behaviour asked of the nodes: it passes without the cluster
 * engine. Each test leaves every node running.
 */
class ClusterHarnessTest {
    @RegisterExtension
    @Order(2)
    static final ClusterExtension CLUSTER = ClusterExtension.withDefaults();

    /**
     * Registered first (by @Order, not by field order), so its afterAll runs after the cluster's: by then no
     * process the cluster started may still run.
     */
    @RegisterExtension
    @Order(1)
    static final AfterAllCallback NO_PROCESS_LEFT = context -> {
        List<ProcessHandle> left = CLUSTER.processes().stream().filter(ProcessHandle::isAlive).toList();
        assertTrue(left.isEmpty(), "node processes still running after afterAll: " + left);
    };

    private static URI health(int node) {
        return CLUSTER.node(node).http("health");
    }

    @Test
    void everyNodeIsAProcessOfItsOwnAnsweringHealthOnItsOwnPort() throws Exception {
        Set<URI> bases = new HashSet<>();
        for (int i = 0; i < CLUSTER.size(); i++) {
            bases.add(CLUSTER.node(i).base());
            Http.Reply r = Http.get(health(i), null);
            assertEquals(200, r.status(), CLUSTER.nodeId(i) + ": " + r.body());
            assertTrue(Files.readString(CLUSTER.logFile(i)).contains("Switchboard listening on"), CLUSTER.nodeId(i));
        }
        assertEquals(CLUSTER.size(), bases.size(), "nodes share a port: " + bases);
        List<ProcessHandle> current = IntStream.range(0, CLUSTER.size()).mapToObj(CLUSTER::process).toList();
        assertEquals(CLUSTER.size(), current.stream().mapToLong(ProcessHandle::pid).distinct().count());
        assertTrue(current.stream().allMatch(ProcessHandle::isAlive));
    }

    @Test
    void baseRotatesOverEveryNode() {
        Set<URI> all = new HashSet<>();
        for (int i = 0; i < CLUSTER.size(); i++) {
            all.add(CLUSTER.node(i).base());
        }
        List<URI> seen = IntStream.range(0, 2 * CLUSTER.size()).mapToObj(x -> CLUSTER.base()).toList();
        for (int from = 0; from + CLUSTER.size() <= seen.size(); from++) {
            assertEquals(all, Set.copyOf(seen.subList(from, from + CLUSTER.size())),
                    "consecutive calls must visit every node: " + seen);
        }
    }

    @Test
    void aKilledNodeEndsIsSkippedByBaseAndARestartedOneAnswersAgain() throws Exception {
        ProcessHandle killed = CLUSTER.process(1);
        URI oldBase = CLUSTER.node(1).base();
        CLUSTER.kill(1);
        assertFalse(killed.isAlive(), "kill returned while the process still runs");
        for (int i = 0; i < 2 * CLUSTER.size(); i++) {
            assertNotEquals(oldBase, CLUSTER.base(), "base() handed out a dead node");
        }
        CLUSTER.restart(1);
        assertNotEquals(killed.pid(), CLUSTER.process(1).pid());
        assertEquals(200, Http.get(health(1), null).status());
        assertTrue(Files.readString(CLUSTER.logFile(1)).contains("[harness] SIGKILL"), "the log keeps the first run");
    }

    @Test
    void anOrderlyStopEndsTheProcessAndRestartStoppedBringsItBack() throws Exception {
        ProcessHandle stopped = CLUSTER.process(2);
        CLUSTER.stop(2);
        assertFalse(stopped.isAlive(), "stop returned while the process still runs");
        CLUSTER.restartStopped();
        assertTrue(CLUSTER.process(2).isAlive());
        assertEquals(200, Http.get(health(2), null).status());
        String log = Files.readString(CLUSTER.logFile(2));
        assertTrue(log.contains("[harness] SIGTERM") && !log.contains("[harness] no exit"),
                "SIGTERM alone should end a node:\n" + log);
    }
}
