package io.switchboard.routing;

/**
 * An administrator's order that every node carries out on its own connections and state (SPEC §13: revocations
 * and blocks hold on every node; cleanup reaches every node). The bus runs it here and on every other node
 * ({@link MessageBus#everyNode}) and adds up what each node closed.
 */
public sealed interface NodeCommand {

    /** A token id is refused from now on; its open connections are closed. */
    record Revoke(String tokenId) implements NodeCommand {
    }

    /** A user is refused from now on; their open connections are closed. */
    record Block(String userId) implements NodeCommand {
    }

    record Unblock(String userId) implements NodeCommand {
    }

    /** Connections that are dead or whose token has expired are closed. */
    record Cleanup() implements NodeCommand {
    }

    /** What a node does with a command. */
    interface Handler {
        /** @return how many of this node's connections it closed */
        int apply(NodeCommand command);
    }
}
