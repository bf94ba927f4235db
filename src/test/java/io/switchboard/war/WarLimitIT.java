package io.switchboard.war;

import io.switchboard.scenarios.LimitScenarios;
import io.switchboard.testing.DeployedWar;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.TargetRuntime;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/**
 * {@link LimitScenarios} against the WAR in the container of the Maven profile (-Pwildfly, -Ppayara): the rate
 * limit the container runs with ({@link DeployedWar#RATE_LIMIT}), the other two at their defaults.
 */
@ExtendWith(ArquillianExtension.class)
class WarLimitIT extends LimitScenarios {
    @Deployment(testable = false)
    static WebArchive war() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    URL deployment;

    @Override
    protected ServerTarget target() {
        return DeployedWar.at(deployment);
    }

    @Override
    protected boolean racesHandshakes() {
        return TargetRuntime.ofContainerProfile() != TargetRuntime.PAYARA;
    }

    @Override
    protected Configured limits() {
        return new Configured(DeployedWar.RATE_LIMIT, Configured.DEFAULTS.connectionsPerUser(),
                Configured.DEFAULTS.handshakesPerSecond());
    }
}
