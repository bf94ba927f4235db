package io.switchboard.standalone;

import io.switchboard.scenarios.RpcScenarios;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class StandaloneRpcTest extends RpcScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return SERVER;
    }
}
