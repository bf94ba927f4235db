package io.switchboard.war;

import io.switchboard.testing.DeployedWar;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WAR started with no JWT key refuses to deploy, saying what to set (SPEC §3). The profile's arquillian file
 * defines a second server of the same kind, started only here, that has no {@code jwt.secret}.
 *
 * <p>WildFly fails the deployment operation with the application's message. Payara Micro logs the failure and
 * comes up with nothing deployed, which its Arquillian adapter reports as a success: there the test reads the
 * server's console (which the adapter copies to ours) for the message and the empty deployment list.
 */
@ExtendWith(ArquillianExtension.class)
class WarWithoutKeyIT {
    private static final String SERVER = "war-without-key";
    private static final Pattern NOTHING_DEPLOYED = Pattern.compile("\"Deployed\": \\[\\s*\\]");

    @Deployment(name = SERVER, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static WebArchive war() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    ContainerController servers;
    @ArquillianResource
    Deployer deployer;

    @Test
    void theDeploymentFailsAndNamesWhatToSet() {
        servers.start(SERVER);
        Console console = Console.capture();
        boolean deployed = false;
        try {
            Exception failure = null;
            try {
                deployer.deploy(SERVER);
                deployed = true;
            } catch (Exception e) {
                failure = e;
            }
            if (failure != null) {
                assertNamesWhatToSet(messages(failure));
            } else {
                String log = console.text();
                assertNamesWhatToSet(log);
                assertTrue(NOTHING_DEPLOYED.matcher(log).find(), "the server reported a deployment: " + log);
            }
        } finally {
            console.release();
            if (deployed) {
                deployer.undeploy(SERVER);
            }
            servers.stop(SERVER);
        }
    }

    private static void assertNamesWhatToSet(String text) {
        assertTrue(text.contains("no JWT key configured") && text.contains("JWT_SECRET")
                && text.contains("jwt.secret"), "the failure does not say what to set:\n" + text);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    /** Keeps a copy of what is printed to System.out (where the Payara adapter echoes the server's console). */
    private static final class Console {
        private final PrintStream original;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        private Console(PrintStream original) {
            this.original = original;
        }

        static Console capture() {
            Console console = new Console(System.out);
            OutputStream tee = new OutputStream() {
                @Override
                public void write(int b) {
                    console.original.write(b);
                    synchronized (console.copy) {
                        console.copy.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    console.original.write(b, off, len);
                    synchronized (console.copy) {
                        console.copy.write(b, off, len);
                    }
                }
            };
            System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
            return console;
        }

        String text() {
            System.out.flush();
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }

        void release() {
            System.setOut(original);
        }
    }
}
