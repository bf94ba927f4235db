package io.switchboard.standalone;

import io.switchboard.config.Settings;
import io.switchboard.config.SettingsProducer;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.inject.Singleton;

/**
 * Hands the settings the launcher validated (and, in development mode, completed) to the CDI container, in place
 * of the WAR's environment-reading producer. Each server instance has its own: tests run servers with
 * different settings one after another in one JVM.
 */
final class SettingsExtension implements Extension {
    private final Settings settings;

    SettingsExtension(Settings settings) {
        this.settings = settings;
    }

    void vetoEnvironmentProducer(@Observes ProcessAnnotatedType<SettingsProducer> event) {
        event.veto();
    }

    void addSettings(@Observes AfterBeanDiscovery event) {
        event.addBean().types(Settings.class, Object.class).scope(Singleton.class).createWith(c -> settings);
    }
}
