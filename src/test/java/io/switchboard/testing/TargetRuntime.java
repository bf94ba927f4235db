package io.switchboard.testing;

/**
 * Which server a scenario runs against, for the few rules where a container's WebSocket implementation behaves
 * differently and docs/deployment.md says so: such a test asserts each runtime's documented behaviour, so that a
 * change (a fixed container, a regression) is noticed.
 */
public enum TargetRuntime {
    STANDALONE, WILDFLY, PAYARA;

    /** The container of the Maven profile running the WAR tests (Failsafe names its arquillian-*.xml). */
    public static TargetRuntime ofContainerProfile() {
        String xml = System.getProperty("arquillian.xml", "");
        if (xml.contains("wildfly")) {
            return WILDFLY;
        }
        if (xml.contains("payara")) {
            return PAYARA;
        }
        throw new IllegalStateException("no container profile (-Pwildfly or -Ppayara): arquillian.xml=" + xml);
    }
}
