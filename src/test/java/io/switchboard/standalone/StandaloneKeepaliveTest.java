package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.scenarios.KeepaliveScenarios;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.StandaloneServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

/** {@link KeepaliveScenarios} against the standalone server, with SWITCHBOARD_PING_INTERVAL=1s. */
class StandaloneKeepaliveTest extends KeepaliveScenarios {
    @RegisterExtension
    static final StandaloneServerExtension SERVER = StandaloneServerExtension.with(
            Map.of(Settings.PING_INTERVAL, "1s"));

    @Override
    protected ServerTarget target() {
        return SERVER;
    }

    @Override
    protected Duration pingInterval() {
        return Duration.ofSeconds(1);
    }
}
