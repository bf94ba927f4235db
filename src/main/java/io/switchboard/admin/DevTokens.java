package io.switchboard.admin;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The tokens the standalone development mode hands to the test page. Empty unless the development mode (no JWT
 * key configured, a random secret for this run) put them here: with a real JWT_SECRET or public key, or in the
 * WAR, nothing ever fills it and {@code GET /dev/tokens} answers 404.
 */
@ApplicationScoped
public class DevTokens {
    private volatile List<Token> tokens = List.of();

    /** A ready-to-use token: who it is for and what it may do ({@code user} tokens work on {@code /ws}). */
    public record Token(String label, String subject, String kind, String token) {
    }

    public void offer(List<Token> offered) {
        tokens = List.copyOf(offered);
    }

    public List<Token> list() {
        return tokens;
    }
}
