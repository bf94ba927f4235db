package io.switchboard.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;

/**
 * The WAR deployed in a real container (WildFly or Payara, chosen by the Maven profile) as a {@link ServerTarget}:
 * its base is the deployment's URL, context path included ({@code http://127.0.0.1:19080/switchboard/}).
 */
public final class DeployedWar implements ServerTarget {
    /** The artifact the build made; deployed unchanged, under its own name (context path {@code /switchboard}). */
    public static final File ARTIFACT = new File("target/switchboard.war");
    /**
     * The test servers' SWITCHBOARD_PING_INTERVAL ({@code -Dswitchboard.ping.interval=2s} in arquillian-*.xml):
     * short, so that every WAR test runs with the keepalive pinging its clients.
     */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(2);
    /**
     * The test servers' SWITCHBOARD_RATE_LIMIT ({@code -Dswitchboard.rate.limit=20} in arquillian-*.xml): low, so
     * that a burst past it is refused however slowly a busy container serves it; well above what any other
     * container test sends on one connection (a few dozen messages at most).
     */
    public static final int RATE_LIMIT = 20;

    private final URI base;

    private DeployedWar(URI base) {
        this.base = base;
    }

    /** The built WAR as an Arquillian deployment. */
    public static WebArchive archive() {
        if (!ARTIFACT.isFile()) {
            throw new IllegalStateException(ARTIFACT + " is missing: the container tests run after `package`");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, ARTIFACT);
    }

    /** The deployment at the URL Arquillian reports for it. */
    public static DeployedWar at(URL deployment) {
        try {
            URI uri = deployment.toURI();
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            return new DeployedWar(new URI(uri.getScheme(), null, loopbackIfLocal(uri.getHost()), uri.getPort(),
                    path.endsWith("/") ? path : path + "/", null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(deployment.toString(), e);
        }
    }

    /**
     * Payara Micro reports the machine's own name or address; it listens on every interface, and the tests keep
     * their traffic on the loopback interface.
     */
    private static String loopbackIfLocal(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress() && NetworkInterface.getByInetAddress(address) != null) {
                return "127.0.0.1";
            }
        } catch (IOException e) {
            // not resolvable here: keep what the container said
        }
        return host;
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public String toString() {
        return "WAR at " + base;
    }
}
