package io.switchboard.admin;

import io.switchboard.auth.AccessList;
import io.switchboard.routing.NodeCommand;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;

/**
 * What one node does with an administrator's order (revoke, block, unblock, cleanup): its access list, and its
 * own connections. The bus runs it on every node of a cluster ({@link io.switchboard.routing.Router#everyNode}).
 */
@ApplicationScoped
public class NodeOrders implements NodeCommand.Handler {
    @Inject
    AccessList accessList;
    @Inject
    SessionRegistry registry;

    @Override
    public int apply(NodeCommand command) {
        if (command instanceof NodeCommand.Revoke r) {
            accessList.revoke(r.tokenId());
            return closeAll(registry.matching(c -> c.principal().tokenId().map(r.tokenId()::equals).orElse(false)),
                    Closing.TOKEN_REVOKED);
        }
        if (command instanceof NodeCommand.Block b) {
            accessList.block(b.userId());
            return closeAll(registry.matching(c -> b.userId().equals(c.userId())), Closing.USER_BLOCKED);
        }
        if (command instanceof NodeCommand.Unblock u) {
            accessList.unblock(u.userId());
            return 0;
        }
        Instant now = Instant.now();
        return closeAll(registry.matching(c -> c.isClosing() || c.expiresAt().map(now::isAfter).orElse(false)),
                Closing.CLEANUP);
    }

    private static int closeAll(List<Connection> connections, Closing why) {
        connections.forEach(c -> c.close(why));
        return connections.size();
    }
}
