package io.switchboard.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's two connections to Redis: one for commands and scripts, one subscribed to this node's channel and the
 * cluster-wide one. Lettuce reconnects both by itself (every 100 ms to 1 s, so a Redis restart is noticed within
 * about a second) and subscribes again; while Redis is away, commands fail at once instead of queueing without
 * bound, and {@link #isUp} says so. Received messages are handed to {@code onMessage} on Lettuce's event loop,
 * which must not block there.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());
    /** Commands queued while a reconnect is under way, at most; past it they fail (REJECT while disconnected). */
    static final int REQUEST_QUEUE = 10_000;
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> commands;
    private final StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
    /**
     * The connections (commands, subscriptions) that are lost and not yet back. Lettuce reports each connection on
     * its own, in any order: the node is up again, and registers again, only once both are back — run when only the
     * subscriptions were back, the registration's commands were refused and never sent again.
     */
    private final Set<RedisChannelHandler<?, ?>> lost = new HashSet<>();

    /**
     * @param onReconnect run (on Lettuce's thread: hand it off) when both connections are back after a loss
     */
    RedisLink(String url, byte[][] channels, BiConsumer<byte[], byte[]> onMessage, Runnable onReconnect) {
        resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2,
                        java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE)
                // Nothing is sent twice: a command written before a disconnect and not answered fails instead of
                // being replayed on the new connection (a replayed publish would deliver a message twice, a
                // replayed index write could bring back a connection that has closed since). The node writes its
                // whole index again once it is back (RedisEngine.registerAgain).
                .replayFilter(command -> true)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                boolean first;
                synchronized (lost) {
                    first = lost.isEmpty();
                    lost.add(connection);
                }
                if (first) {
                    LOG.warning("lost the connection to Redis; serving this node's connections only until it is back");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                boolean back;
                synchronized (lost) {
                    back = lost.remove(connection) && lost.isEmpty();
                }
                if (back) {
                    LOG.info("connected to Redis again at " + address);
                    onReconnect.run();
                }
            }
        });
        commands = client.connect(ByteArrayCodec.INSTANCE);
        pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                onMessage.accept(channel, message);
            }
        });
        pubSub.sync().subscribe(channels);
    }

    RedisAsyncCommands<byte[], byte[]> async() {
        return commands.async();
    }

    boolean isUp() {
        synchronized (lost) {
            return lost.isEmpty() && commands.isOpen();
        }
    }

    @Override
    public void close() {
        try {
            pubSub.close();
            commands.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the Redis connections", e);
        }
    }
}
