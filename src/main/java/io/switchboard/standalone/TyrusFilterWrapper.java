package io.switchboard.standalone;

import io.switchboard.session.WriteBatch;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;

import java.io.IOException;

/**
 * Wraps Tyrus's Grizzly filter on the listener's HTTP chain, which a WebSocket connection passes only for its
 * handshake: once Tyrus has upgraded a connection, it is handed over to {@link UpgradedConnections} (a chain
 * without the HTTP codec). Around Tyrus's handling of a read it opens a {@link WriteBatch} scope, so that what the
 * opening of a connection fans out (presence events) leaves with one write per receiver: Tyrus handles a read
 * synchronously inside its {@code handleRead}, so a try/finally around it is exactly one read's scope, on one
 * thread. Everything else is passed through untouched.
 */
final class TyrusFilterWrapper implements Filter {
    private static final String TYRUS_FILTER = "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter";
    private final Filter tyrus;
    private final UpgradedConnections upgraded;

    private TyrusFilterWrapper(Filter tyrus, UpgradedConnections upgraded) {
        this.tyrus = tyrus;
        this.upgraded = upgraded;
    }

    /**
     * An add-on, registered after Tyrus's, that puts the wrapper in place of Tyrus's filter.
     *
     * @param maxMessageBytes SWITCHBOARD_MAX_MESSAGE_BYTES, enforced on upgraded connections' frame headers
     */
    static AddOn addOn(long maxMessageBytes) {
        return (listener, chain) -> {
            int i = chain.indexOfType(tyrusFilterType());
            if (i < 0) {
                throw new IllegalStateException("Tyrus's Grizzly filter is not in the chain");
            }
            chain.set(i, new TyrusFilterWrapper(chain.get(i), UpgradedConnections.from(chain, maxMessageBytes)));
        };
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Filter> tyrusFilterType() {
        try {
            // Package-private in Tyrus: found by name.
            return (Class<? extends Filter>) Class.forName(TYRUS_FILTER);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Tyrus's Grizzly filter is not where expected", e);
        }
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        WriteBatch.begin();
        try {
            NextAction next = tyrus.handleRead(ctx);
            if (UpgradedConnections.isWebSocket(ctx.getConnection())) {
                upgraded.takeOver(ctx.getConnection());
            }
            return next;
        } finally {
            WriteBatch.end();
        }
    }

    @Override
    public void onAdded(FilterChain filterChain) {
        tyrus.onAdded(filterChain);
    }

    @Override
    public void onRemoved(FilterChain filterChain) {
        tyrus.onRemoved(filterChain);
    }

    @Override
    public void onFilterChainChanged(FilterChain filterChain) {
        tyrus.onFilterChainChanged(filterChain);
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        return tyrus.handleWrite(ctx);
    }

    @Override
    public NextAction handleConnect(FilterChainContext ctx) throws IOException {
        return tyrus.handleConnect(ctx);
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        return tyrus.handleAccept(ctx);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        return tyrus.handleEvent(ctx, event);
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        return tyrus.handleClose(ctx);
    }

    @Override
    public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
        tyrus.exceptionOccurred(ctx, error);
    }
}
