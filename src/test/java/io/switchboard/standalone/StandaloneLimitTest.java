package io.switchboard.standalone;

import io.switchboard.scenarios.LimitScenarios;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LimitScenarios} against the standalone server with the default limits (no limit variable set). */
class StandaloneLimitTest extends LimitScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.withDefaults();

    @Override
    protected ServerTarget target() {
        return SERVER;
    }

    @Override
    protected Configured limits() {
        return Configured.DEFAULTS;
    }
}
