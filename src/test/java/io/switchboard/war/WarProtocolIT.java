package io.switchboard.war;

import io.switchboard.scenarios.ProtocolScenarios;
import io.switchboard.testing.DeployedWar;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.TargetRuntime;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/** {@link ProtocolScenarios} against the WAR in the container of the Maven profile (-Pwildfly, -Ppayara). */
@ExtendWith(ArquillianExtension.class)
class WarProtocolIT extends ProtocolScenarios {
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
    protected TargetRuntime runtime() {
        return TargetRuntime.ofContainerProfile();
    }
}
