package io.switchboard.loadtest;

import io.switchboard.auth.TokenMinter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Prints an admin token for a secret (the benchmark script reads {@code /ws/stats} with it). */
public final class MintAdmin {
    private MintAdmin() {
    }

    public static void main(String[] args) {
        System.out.println(new TokenMinter(args[0].getBytes(StandardCharsets.UTF_8))
                .user("bench-admin", "bench-admin", Duration.ofHours(1), List.of("admin")));
    }
}
