package io.switchboard.standalone;

import io.switchboard.scenarios.ProtocolScenarios;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import io.switchboard.testing.TargetRuntime;
import org.junit.jupiter.api.extension.RegisterExtension;

class StandaloneProtocolTest extends ProtocolScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return SERVER;
    }

    @Override
    protected TargetRuntime runtime() {
        return TargetRuntime.STANDALONE;
    }
}
