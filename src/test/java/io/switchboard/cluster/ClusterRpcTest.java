package io.switchboard.cluster;

import io.switchboard.scenarios.RpcScenarios;
import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.ServerTarget;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared {@code RpcScenarios} on three nodes: each client and admin call of a scenario goes to the next node. */
class ClusterRpcTest extends RpcScenarios {
    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return CLUSTER;
    }
}
