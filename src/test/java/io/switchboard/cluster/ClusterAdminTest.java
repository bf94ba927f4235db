package io.switchboard.cluster;

import io.switchboard.scenarios.AdminScenarios;
import io.switchboard.testing.ClusterExtension;
import io.switchboard.testing.ServerTarget;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared {@code AdminScenarios} on three nodes: each client and admin call of a scenario goes to the next node. */
class ClusterAdminTest extends AdminScenarios {
    @RegisterExtension
    static final ClusterExtension CLUSTER = ClusterExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return CLUSTER;
    }
}
