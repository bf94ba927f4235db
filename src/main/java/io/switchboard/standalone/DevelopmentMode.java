package io.switchboard.standalone;

import io.switchboard.admin.DevTokens;
import io.switchboard.auth.TokenMinter;
import io.switchboard.config.Settings;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * SPEC §3 development mode: with no JWT key configured, a random secret for this run, ready-to-use tokens
 * (two users, a device, an admin) and example commands, and anonymous devices allowed — loudly.
 */
final class DevelopmentMode {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private DevelopmentMode() {
    }

    static Settings complete(Settings settings) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        // Hex text: used as its UTF-8 bytes like any JWT_SECRET, so it can be pasted into other tools.
        return settings.withDevelopmentSecret(HexFormat.of().formatHex(raw).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The tokens handed out in development mode; the {@code user} ones are also offered to the test page. */
    record DevToken(String label, String subject, String kind, String token) {
    }

    static List<DevToken> tokens(Settings settings) {
        TokenMinter minter = new TokenMinter(settings.jwtSecret().orElseThrow());
        return List.of(
                new DevToken("alice (user)", "alice", "user", minter.user("alice", "alice", TOKEN_LIFETIME, List.of("user"))),
                new DevToken("bob (user)", "bob", "user", minter.user("bob", "bob", TOKEN_LIFETIME, List.of("user"))),
                new DevToken("device-1 (device)", "device-1", "device", minter.device("device-1", TOKEN_LIFETIME)),
                new DevToken("admin (admin API)", "admin", "admin",
                        minter.user("admin", "admin", TOKEN_LIFETIME, List.of("admin"))));
    }

    /**
     * What {@code GET /dev/tokens} offers the test page: the user tokens only. The admin token is printed on the
     * console but never served over HTTP, even in development mode.
     */
    static List<DevTokens.Token> forPage(List<DevToken> tokens) {
        return tokens.stream().filter(t -> t.kind().equals("user"))
                .map(t -> new DevTokens.Token(t.label(), t.subject(), t.kind(), t.token())).toList();
    }

    static void printBanner(PrintStream out, Settings settings, int port, List<DevToken> tokens) {
        String host = "localhost:" + port;
        out.println();
        out.println("=== Switchboard DEVELOPMENT MODE ===============================================");
        out.println("No JWT_SECRET or JWT_PUBLIC_KEY_FILE is set: this run uses a random secret, and");
        out.println("WARNING: anonymous devices are ALLOWED. Never run like this in production.");
        out.println("JWT_SECRET for this run: " + new String(settings.jwtSecret().orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8));
        out.println();
        for (DevToken t : tokens) {
            out.println(t.label() + ":");
            out.println("  " + t.token());
        }
        out.println();
        out.println("Test page:  http://" + host + "/   (open it in two tabs: it offers alice and bob)");
        out.println("WebSocket:  ws://" + host + "/ws?token=<alice's token>");
        out.println("Devices:    ws://" + host + "/rooms  (anonymous, or ?token=<device-1's token>)");
        out.println("Stats:      curl -H 'Authorization: Bearer <admin token>' http://" + host + "/ws/stats");
        out.println("================================================================================");
        out.println();
    }
}
