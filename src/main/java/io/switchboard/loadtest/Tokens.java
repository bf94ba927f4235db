package io.switchboard.loadtest;

import io.switchboard.auth.TokenMinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens for the tool's connections: minted with {@code --secret} for distinct users {@code lt<run>w<worker>-<i>}
 * (the server's own {@link TokenMinter}), or read from {@code --token-file}, whose users come from each token's
 * {@code sub}.
 */
final class Tokens {
    private static final Pattern SUB = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");
    private final TokenMinter minter;
    private final List<String> file;
    private final String prefix;
    private int used;

    Tokens(Options o) throws IOException {
        if (o.tokenFile != null) {
            file = Files.readAllLines(Path.of(o.tokenFile)).stream().map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            if (file.isEmpty()) {
                throw new IllegalArgumentException("--token-file " + o.tokenFile + " holds no token");
            }
            minter = null;
        } else {
            file = null;
            minter = new TokenMinter(o.secret.getBytes(StandardCharsets.UTF_8));
        }
        prefix = "lt" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF))
                + "w" + Math.max(0, o.workerIndex) + "-";
    }

    private String[] lastTokens;
    private String[] lastUsers;

    /** Tokens for the next {@code n} connections, each of a user not used before in this run (when minting). */
    String[] tokens(int n) {
        lastTokens = new String[n];
        lastUsers = new String[n];
        for (int i = 0; i < n; i++) {
            if (minter != null) {
                String user = prefix + (used++);
                lastUsers[i] = user;
                lastTokens[i] = minter.user(user, user, Duration.ofHours(6), List.of("user"));
            } else {
                String t = file.get(used++ % file.size());
                lastTokens[i] = t;
                lastUsers[i] = subjectOf(t);
            }
        }
        return lastTokens;
    }

    String[] users(int n) {
        return lastUsers;
    }

    String adminToken() {
        return minter == null ? null : minter.user("loadtest-admin", "loadtest-admin", Duration.ofHours(1),
                List.of("admin"));
    }

    static String subjectOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "?";
        }
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher m = SUB.matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
