package io.switchboard.auth;

/**
 * Turns a refusal into an HTTP status where the container allows it. Tyrus (standalone, Payara) answers a
 * {@code HandshakeException} thrown from the Configurator with its status; Undertow (WildFly) has no such way
 * and the servlet filter of the WAR refuses before the upgrade instead. Without either, the endpoint closes the
 * connection with 1008 as its first act.
 */
final class HandshakeRefusal {
    private static final Class<?> TYRUS_HANDSHAKE_EXCEPTION = find("org.glassfish.tyrus.core.HandshakeException");

    private HandshakeRefusal() {
    }

    static void refuse(int status, String message) {
        if (TYRUS_HANDSHAKE_EXCEPTION == null) {
            return;
        }
        Throwable t;
        try {
            t = (Throwable) TYRUS_HANDSHAKE_EXCEPTION.getConstructor(int.class, String.class)
                    .newInstance(status, message);
        } catch (ReflectiveOperationException e) {
            return;
        }
        HandshakeRefusal.<RuntimeException>sneakyThrow(t);
    }

    // HandshakeException is checked and modifyHandshake declares none; Tyrus catches it by type.
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    private static Class<?> find(String name) {
        try {
            return Class.forName(name, false, HandshakeRefusal.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
