package io.switchboard.loadtest;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** Short, countable names for why a connection failed ("refused", "http 503", "reset", "timeout"…). */
final class Failures {
    private Failures() {
    }

    static String cause(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException) {
            return m.contains("refused") ? "connection refused" : "connect failed: " + m;
        }
        if (e instanceof NoRouteToHostException) {
            return "no route";
        }
        if (m.contains("cannot assign requested address")) {
            return "no free source port (EADDRNOTAVAIL)";
        }
        if (m.contains("address already in use")) {
            return "source port in use";
        }
        if (m.contains("too many open files")) {
            return "too many open files (client)";
        }
        if (m.contains("reset")) {
            return "reset by server";
        }
        if (m.contains("broken pipe")) {
            return "broken pipe";
        }
        if (e instanceof ClosedChannelException) {
            return "channel closed";
        }
        if (e instanceof SocketException) {
            return "socket: " + m;
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
