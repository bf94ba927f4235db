package io.switchboard.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A service a test needs (a database, Redis, Chromium). Unreachable: the test is skipped with a message naming
 * it; under CI (variable CI set) that is a failure instead, so CI never lands on skipped tests.
 */
public final class RequiredService {
    private RequiredService() {
    }

    public static void tcp(String name, String host, int port) {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        require(up, name + " is not reachable at " + host + ":" + port);
    }

    public static void require(boolean available, String message) {
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(available, message + " (CI is set: a missing service fails the build)");
        }
        Assumptions.assumeTrue(available, message + ": test skipped");
    }
}
