package io.switchboard.standalone;

import io.switchboard.scenarios.FrontDoorScenarios;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class StandaloneFrontDoorTest extends FrontDoorScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return SERVER;
    }
}
