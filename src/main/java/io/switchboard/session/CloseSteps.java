package io.switchboard.session;

/**
 * The steps of a connection's close handler, each run whatever the others do. A close forgets the connection
 * (registry, rooms, slots) and tells others about it (presence, a partner's notice); a failure in one step — a
 * delivery that throws — must not skip the rest, or the connection stays registered, and its user "online", for
 * good. The first failure is rethrown once every step has run, so that the endpoint's error path logs it.
 */
public final class CloseSteps {
    private CloseSteps() {
    }

    public static void runAll(Runnable... steps) {
        Throwable first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            throw (Error) first;
        }
    }
}
