package io.switchboard.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settings for the WAR: read from the environment and system properties when the application starts. The
 * standalone server vetoes this producer and supplies the settings it has already validated (and, in development
 * mode, completed with a generated secret).
 *
 * <p>The settings are loaded as the application starts, not at the first connection: a deployment with a bad
 * value or without a JWT key fails there and then, with a message naming what to set (SPEC §3, §10).
 */
@ApplicationScoped
public class SettingsProducer {
    private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

    /** What an operator reads when the WAR is deployed without a key. */
    static final String NO_KEY = "no JWT key configured, so Switchboard refuses to start: set the environment "
            + "variable JWT_SECRET (or system property jwt.secret) to a secret of at least "
            + Settings.MIN_SECRET_BYTES + " bytes, or JWT_PUBLIC_KEY_FILE (jwt.public.key.file) to a PEM public key "
            + "file (see docs/deployment.md)";

    @Produces
    @Singleton
    Settings settings() {
        try {
            Settings settings = Settings.load(ConfigSource.fromEnvironment());
            if (!settings.hasJwtKey()) {
                throw new ConfigException(Settings.JWT_SECRET, NO_KEY);
            }
            return settings;
        } catch (ConfigException e) {
            // One clear line in the server log, above whatever the container wraps the failure in.
            LOG.log(Level.SEVERE, "Switchboard cannot start: " + e.getMessage());
            throw e;
        }
    }

    /** Loads (and so validates) the settings while the application starts; a failure fails the deployment. */
    void verifyAtStart(@Observes @Initialized(ApplicationScoped.class) Object started, Settings settings) {
        LOG.info("Switchboard starting with " + settings);
    }
}
