package io.switchboard.session;

import io.switchboard.auth.AccessList;
import io.switchboard.auth.Principal;
import io.switchboard.config.Settings;
import io.switchboard.limits.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Every open connection of this node, by id and by user (SPEC §11). Opening and closing are atomic per user, so
 * "first connection of a user" and "last connection of a user" are each reported exactly once, however many of
 * the user's devices connect or leave at the same moment.
 */
@ApplicationScoped
public class SessionRegistry {
    @Inject
    Settings settings;
    @Inject
    AccessList accessList;
    @Inject
    Closer closer;

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    /** Places taken of SWITCHBOARD_MAX_CONNECTIONS: the size of {@link #byId}, kept exact under concurrency. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<String, Set<Connection>> usersOnWs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private final Map<Closing, LongAdder> closes = new EnumMap<>(Closing.class);
    private final Instant startedAt = Instant.now();
    private volatile boolean accepting = true;

    private final ConnectionEvents events = new ConnectionEvents() {
        @Override
        public void delivered() {
            delivered.increment();
        }

        @Override
        public void shed() {
            shed.increment();
        }

        @Override
        public void closing(Connection connection, Closing why) {
            closes.get(why).increment();
        }
    };

    public SessionRegistry() {
        for (Closing c : Closing.values()) {
            closes.put(c, new LongAdder());
        }
    }

    /** A connection for an accepted handshake; not yet visible to anyone until {@link #add}. */
    public Connection create(Channel channel, Principal principal, Transport transport) {
        int rate = settings.rateLimit();
        TokenBucket messageRate = rate == Settings.OFF ? null : new TokenBucket(rate, 2 * rate, System.nanoTime());
        return new Connection(ConnectionIds.of(settings.nodeId(), ids.incrementAndGet()), channel, principal, transport,
                settings.outboundQueueBytes(), messageRate, events, closer);
    }

    /** A cheap look before a handshake is worth doing; {@link #admit} is what enforces the limit. */
    public boolean hasRoomFor(int more) {
        return accepting && admitted.get() + more <= settings.maxConnections();
    }

    /**
     * Takes one of SWITCHBOARD_MAX_CONNECTIONS places, makes the connection visible to admin scans, then checks
     * revocations and blocks once more: a token revoked or a user blocked between the handshake check and now is
     * caught either by this check or by the admin call's scan of the registry, which runs after the access list
     * changed. A refused connection is closed (1013 when every place is taken: concurrent handshakes that all saw
     * room race for the last places here, and the limit holds exactly).
     *
     * @return false when the connection was refused
     */
    public boolean admit(Connection c) {
        if (!takePlace()) {
            c.close(Closing.SERVER_FULL);
            return false;
        }
        byId.put(c.id(), c);
        Principal p = c.principal();
        Closing refusal = p.tokenId().map(accessList::isRevoked).orElse(false) ? Closing.TOKEN_REVOKED
                : !p.isAnonymous() && accessList.isBlocked(p.subject()) ? Closing.USER_BLOCKED : null;
        if (refusal == null) {
            return true;
        }
        if (byId.remove(c.id()) != null) {
            admitted.decrementAndGet();
        }
        c.close(refusal);
        return false;
    }

    private boolean takePlace() {
        int max = settings.maxConnections();
        int n;
        do {
            n = admitted.get();
            if (n >= max) {
                return false;
            }
        } while (!admitted.compareAndSet(n, n + 1));
        return true;
    }

    /**
     * Makes an {@link #admit admitted} connection reachable by user, unless the user has
     * SWITCHBOARD_MAX_CONNECTIONS_PER_USER {@code /ws} connections here already (checked and counted in one atomic
     * step per user: concurrent opens of one user cannot all slip under the limit). A connection already
     * {@link #remove removed} (closed on another thread, by the {@link Closer}, before its endpoint got to open it)
     * is not added: it would stay "online" for good.
     */
    public Membership.Opened add(Connection c) {
        if (c.channel() != Channel.WS) {
            return Membership.Opened.ANOTHER;
        }
        int max = settings.maxConnectionsPerUser();
        Membership.Opened[] opened = {Membership.Opened.ANOTHER};
        usersOnWs.compute(c.userId(), (user, set) -> {
            // remove() takes the connection out of byId before it locks this user's entry: either it is still
            // there now, and remove() will find it in the set, or it is gone and stays out.
            if (!byId.containsKey(c.id())) {
                return set;
            }
            if (max != Settings.OFF && set != null && set.size() >= max) {
                opened[0] = Membership.Opened.OVER_LIMIT;
                return set;
            }
            Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(c);
            opened[0] = Membership.Opened.firstIf(s.size() == 1);
            return s;
        });
        return opened[0];
    }

    /** @return true when this was the user's last open {@code /ws} connection */
    public boolean remove(Connection c) {
        if (byId.remove(c.id()) == null) {
            return false;
        }
        admitted.decrementAndGet();
        if (c.channel() != Channel.WS) {
            return false;
        }
        boolean[] last = new boolean[1];
        usersOnWs.computeIfPresent(c.userId(), (user, set) -> {
            // A connection refused over the per-user limit was never in the set: it is nobody's last.
            last[0] = set.remove(c) && set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return last[0];
    }

    public Connection byId(String id) {
        return byId.get(id);
    }

    /** The user's open {@code /ws} connections (empty when offline). */
    public Collection<Connection> ofUser(String userId) {
        Set<Connection> s = usersOnWs.get(userId);
        return s == null ? List.of() : s;
    }

    public Collection<Connection> all() {
        return byId.values();
    }

    public List<Connection> matching(Predicate<Connection> filter) {
        List<Connection> out = new ArrayList<>();
        for (Connection c : byId.values()) {
            if (filter.test(c)) {
                out.add(c);
            }
        }
        return out;
    }

    public int count() {
        return byId.size();
    }

    public Map<Channel, Integer> countByChannel() {
        Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            counts.put(ch, 0);
        }
        for (Connection c : byId.values()) {
            counts.merge(c.channel(), 1, Integer::sum);
        }
        return counts;
    }

    public int uniqueUsers() {
        return usersOnWs.size();
    }

    /** Users online on {@code /ws}, sorted by id so that pages are stable. */
    public List<OnlineUser> onlineUsers() {
        List<OnlineUser> users = new ArrayList<>();
        usersOnWs.forEach((userId, conns) -> {
            Instant first = null;
            String name = userId;
            for (Connection c : conns) {
                if (first == null || c.connectedAt().isBefore(first)) {
                    first = c.connectedAt();
                    name = c.principal().username();
                }
            }
            if (first != null) {
                users.add(new OnlineUser(userId, name, first, conns.size()));
            }
        });
        users.sort(java.util.Comparator.comparing(OnlineUser::userId));
        return users;
    }

    public record OnlineUser(String userId, String username, Instant connectedAt, int connections) {
    }

    public long deliveredFrames() {
        return delivered.sum();
    }

    /** Presence frames dropped for connections with much queued ({@link Frame#isSheddable}). */
    public long shedFrames() {
        return shed.sum();
    }

    public long closedFor(Closing why) {
        return closes.get(why).sum();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** New connections are refused from now on (orderly shutdown). */
    public void stopAccepting() {
        accepting = false;
    }

    public boolean isAccepting() {
        return accepting;
    }
}
