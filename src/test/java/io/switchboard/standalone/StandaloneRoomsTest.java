package io.switchboard.standalone;

import io.switchboard.scenarios.RoomsScenarios;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class StandaloneRoomsTest extends RoomsScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return SERVER;
    }
}
