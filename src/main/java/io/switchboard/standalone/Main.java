package io.switchboard.standalone;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigSource;
import io.switchboard.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar switchboard-standalone.jar}: validate the configuration before anything starts, start the
 * server, and stop it in order on SIGTERM or Ctrl-C.
 */
public final class Main {
    /** java.util.logging keeps loggers weakly: hold the ones whose level is set, or the setting is lost. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
        configureLogging();
        Settings settings;
        try {
            settings = Settings.load(ConfigSource.fromEnvironment());
        } catch (ConfigException e) {
            System.err.println("Switchboard: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean development = !settings.hasJwtKey();
        if (development) {
            settings = DevelopmentMode.complete(settings);
        }
        StandaloneServer server = new StandaloneServer(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "switchboard-shutdown"));
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("Switchboard: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (development) {
            var tokens = DevelopmentMode.tokens(settings);
            server.offerDevelopmentTokens(DevelopmentMode.forPage(tokens));
            DevelopmentMode.printBanner(System.out, settings, server.port(), tokens);
        }
        stopped.await();
    }

    private static void configureLogging() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new LogFormat());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        // Weld, Jersey, Flyway and HikariCP are chatty at INFO about their own start-up.
        for (String name : List.of("org.jboss.weld", "org.glassfish", "org.flywaydb", "com.zaxxer.hikari")) {
            Logger quiet = Logger.getLogger(name);
            quiet.setLevel(Level.WARNING);
            QUIETED.add(quiet);
        }
        // HikariCP warns with a whole stack trace for every connection it evicts as broken: while the database is
        // down or its disk is full, that is every retry (StoreFullDiskTest: 90 lines every few seconds). The store
        // reports the failure itself, once and then every 30 s, with its cause (docs/persistence.md).
        Logger evictions = Logger.getLogger("com.zaxxer.hikari.pool.ProxyConnection");
        evictions.setLevel(Level.SEVERE);
        QUIETED.add(evictions);
    }
}
