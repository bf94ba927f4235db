package io.switchboard.cluster;

import io.switchboard.config.Settings;
import io.switchboard.scenarios.LimitScenarios;
import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.ServerTarget;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@link LimitScenarios} on three nodes with the default limits (the harness switches the per-address and
 * per-connection ones off for the other cluster tests: set back here). Each connection of a scenario goes to the
 * next node, so one user's connections are spread over the cluster and SWITCHBOARD_MAX_CONNECTIONS_PER_USER is
 * held cluster-wide (by the count in Redis), and three handshakes racing for the user's last place land on three
 * nodes. The handshake rate is per node: each node protects itself.
 */
class ClusterLimitTest extends LimitScenarios {
    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.with(Map.of(
            Settings.RATE_LIMIT, Integer.toString(Settings.DEFAULT_RATE_LIMIT),
            Settings.HANDSHAKE_RATE, Integer.toString(Settings.DEFAULT_HANDSHAKE_RATE)));

    @Override
    protected ServerTarget target() {
        return CLUSTER;
    }

    @Override
    protected Configured limits() {
        return Configured.DEFAULTS;
    }

    @Override
    protected List<ServerTarget> nodes() {
        return IntStream.range(0, CLUSTER.size()).mapToObj(CLUSTER::node).toList();
    }
}
