package io.switchboard.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Stops cross-site WebSocket hijacking (SPEC §3): a browser always sends {@code Origin}, so a page from another
 * site cannot ride on a user's token. Clients that are not browsers usually send no Origin and are let through.
 */
public final class OriginPolicy {
    private final List<String> allowed;

    /** @param allowed SWITCHBOARD_ALLOWED_ORIGINS: empty = same host only, {@code *} = any. */
    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalise).toList();
    }

    public boolean allows(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        if (allowed.contains("*")) {
            return true;
        }
        String o = normalise(origin);
        if (!allowed.isEmpty()) {
            return allowed.contains(o);
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(o);
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return originHost != null && originHost.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
