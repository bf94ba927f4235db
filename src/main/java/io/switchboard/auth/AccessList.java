package io.switchboard.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked token ids and blocked users, changed through the admin API. Tokens carrying either are refused at the
 * handshake; the admin resource also closes the connections already open.
 */
@ApplicationScoped
public class AccessList {
    private final Set<String> revokedTokenIds = ConcurrentHashMap.newKeySet();
    private final Set<String> blockedUsers = ConcurrentHashMap.newKeySet();

    /** @return true when the id was not revoked before */
    public boolean revoke(String tokenId) {
        return revokedTokenIds.add(tokenId);
    }

    public boolean isRevoked(String tokenId) {
        return revokedTokenIds.contains(tokenId);
    }

    public boolean block(String userId) {
        return blockedUsers.add(userId);
    }

    public boolean unblock(String userId) {
        return blockedUsers.remove(userId);
    }

    public boolean isBlocked(String userId) {
        return blockedUsers.contains(userId);
    }

    /** A copy of the revoked token ids (a cluster node shares them). */
    public java.util.List<String> revoked() {
        return java.util.List.copyOf(revokedTokenIds);
    }

    /** A copy of the blocked users. */
    public java.util.List<String> blocked() {
        return java.util.List.copyOf(blockedUsers);
    }
}
