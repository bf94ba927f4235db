package io.switchboard.relay;

import io.switchboard.cluster.ClusterEvents;
import io.switchboard.config.Settings;
import io.switchboard.endpoint.Decoded;
import io.switchboard.endpoint.EndpointHub;
import io.switchboard.routing.Address;
import io.switchboard.routing.Claim;
import io.switchboard.routing.Router;
import io.switchboard.session.CloseSteps;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.Frame;
import io.switchboard.session.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The core of {@code /relay} (SPEC §6, §12; docs/protocol-relay.md): registration into a group's center or local
 * slot, relaying to the partner through the {@link Router}, heartbeats, and telling the partner when a peer goes
 * away — by closing, or by falling silent for RELAY_HEARTBEAT_TIMEOUT.
 */
@ApplicationScoped
public class RelayHub implements EndpointHub<RelayInbound> {
    private static final Logger LOG = Logger.getLogger(RelayHub.class.getName());
    static final int MAX_GROUP_ID = 128;
    private static final String SLOT = "relay";

    @Inject
    Membership membership;
    @Inject
    Router router;
    @Inject
    Settings settings;

    private final LivenessTable<RelayPeer> liveness = new LivenessTable<>();

    @Override
    public void open(Connection c) {
        membership.open(c);
        liveness.track(c.id(), new RelayPeer(c, System.nanoTime()));
    }

    @Override
    public void handle(Connection c, RelayInbound in) {
        RelayPeer peer = signOfLife(c);
        if (peer == null) {
            return;
        }
        Optional<RelayPeer.Registration> registration = peer.registration();
        if (registration.isEmpty()) {
            register(peer, in.message());
        } else {
            route(peer, registration.get(), in);
        }
    }

    /** Bad input is a sign of life too, answered in the seed's error shape. */
    @Override
    public void refuse(Connection c, Decoded.Bad<RelayInbound> bad) {
        RelayPeer peer = signOfLife(c);
        if (peer != null) {
            Optional<RelayPeer.Registration> r = peer.registration();
            error(peer, r.map(RelayPeer.Registration::groupId).orElse(null),
                    r.map(x -> x.type().wire()).orElse(null), bad.reason());
        }
    }

    /** Binary frames go to the partner unchanged (copied: the container may reuse its buffer). */
    @Override
    public void binary(Connection c, ByteBuffer data) {
        RelayPeer peer = signOfLife(c);
        if (peer == null) {
            return;
        }
        Optional<RelayPeer.Registration> r = peer.registration();
        if (r.isEmpty()) {
            error(peer, null, null, "register first: send message_type \"init\" to receiver_type \"server\"");
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        forward(peer, r.get(), Frame.binary(copy));
    }

    /** A WebSocket pong (solicited or not) is a sign of life too. */
    @Override
    public void pong(Connection c) {
        signOfLife(c);
    }

    @Override
    public void close(Connection c) {
        CloseSteps.runAll(() -> {
            RelayPeer peer = liveness.forget(c.id());
            if (peer != null) {
                depart(peer, "disconnected");
            }
        }, () -> membership.close(c));
    }

    /** One pass of the heartbeat sweeper: every peer silent for longer than the timeout is declared offline. */
    int sweep(long nowNanos) {
        return liveness.sweep(nowNanos, settings.relayHeartbeatTimeout().toNanos(), this::timedOut);
    }

    private void timedOut(RelayPeer peer) {
        LOG.log(Level.FINE, () -> peer.connection() + ": no sign of life for " + settings.relayHeartbeatTimeout());
        depart(peer, "offline (heartbeat timeout)");
        peer.connection().close(Closing.HEARTBEAT_TIMEOUT);
    }

    private RelayPeer signOfLife(Connection c) {
        RelayPeer peer = liveness.get(c.id());
        if (peer != null) {
            peer.touch(System.nanoTime());
        }
        return peer;
    }

    /** The first message: {@code init} (or no message_type) to {@code server}, naming the group and side. */
    private void register(RelayPeer peer, RelayMessage m) {
        String mt = m.messageType();
        if (mt != null && !RelayMessageType.INIT.is(mt)) {
            error(peer, m.groupId(), m.senderType(),
                    "register first: send message_type \"init\" to receiver_type \"server\"");
            return;
        }
        if (!RelayMessageType.SERVER.equals(m.receiverType())) {
            error(peer, m.groupId(), m.senderType(), "the init message goes to receiver_type \"server\"");
            return;
        }
        Optional<PeerType> type = PeerType.fromWire(m.senderType());
        if (type.isEmpty()) {
            error(peer, m.groupId(), m.senderType(), "sender_type must be \"center\" or \"local\"");
            return;
        }
        if (m.groupId() == null || m.groupId().isBlank() || m.groupId().length() > MAX_GROUP_ID) {
            error(peer, m.groupId(), m.senderType(), "group_id is required (1-" + MAX_GROUP_ID + " characters)");
            return;
        }
        RelayPeer.Registration r = new RelayPeer.Registration(m.groupId(), type.get());
        Connection c = peer.connection();
        if (!c.principal().mayActAsDevice(r.deviceId()) && !c.principal().mayActAsDevice(r.groupId())) {
            error(peer, r.groupId(), r.type().wire(), "the token is for device '" + c.principal().subject()
                    + "', not '" + r.deviceId() + "' (nor group '" + r.groupId() + "')");
            c.close(Closing.UNAUTHORIZED);
            return;
        }
        synchronized (peer) {
            if (peer.isGone()) {
                return;
            }
            if (!router.claim(slot(r.groupId(), r.type()), c, Claim.Policy.EXCLUSIVE).granted()) {
                error(peer, r.groupId(), r.type().wire(),
                        "group '" + r.groupId() + "' already has a " + r.type().wire() + " connected");
                c.close(Closing.SLOT_TAKEN);
                return;
            }
            peer.register(r);
        }
        boolean partnerOnline = router.isClaimed(slot(r.groupId(), r.type().partner()));
        notice(peer, r, RelayMessageType.INIT_ACK, "registered as " + r.type().wire() + " of group '" + r.groupId()
                + "'; partner " + r.type().partner().wire() + (partnerOnline ? " is connected" : " is not connected"));
    }

    /** A registered peer's message: heartbeat, a repeated init, or something for the partner. */
    private void route(RelayPeer peer, RelayPeer.Registration r, RelayInbound in) {
        RelayMessage m = in.message();
        String mt = m.messageType();
        if (m.groupId() != null && !m.groupId().equals(r.groupId())) {
            error(peer, r, "this connection is registered for group '" + r.groupId() + "'");
        } else if (m.senderType() != null && !m.senderType().equals(r.type().wire())) {
            error(peer, r, "this connection is registered as " + r.type().wire());
        } else if (RelayMessageType.HEARTBEAT.is(mt)) {
            notice(peer, r, RelayMessageType.HEARTBEAT, "heartbeat");
        } else if (RelayMessageType.INIT.is(mt) || (mt == null && RelayMessageType.SERVER.equals(m.receiverType()))) {
            notice(peer, r, RelayMessageType.INIT_ACK, "already registered as " + r.type().wire()
                    + " of group '" + r.groupId() + "'");
        } else if (RelayMessageType.isServerOnly(mt)) {
            error(peer, r, "message_type '" + mt + "' is sent by the server only");
        } else if (RelayMessageType.SERVER.equals(m.receiverType())) {
            error(peer, r, "the server answers only \"init\" and \"heartbeat\"");
        } else if (r.type().partner().wire().equals(m.receiverType())) {
            forward(peer, r, Frame.text(in.raw()));
        } else {
            error(peer, r, "receiver_type must be \"" + r.type().partner().wire() + "\" (the partner) or \"server\"");
        }
    }

    private void forward(RelayPeer peer, RelayPeer.Registration r, Frame frame) {
        router.toAddress(slot(r.groupId(), r.type().partner()), frame).thenAccept(published -> {
            if (!published.reachedAnyone()) {
                error(peer, r, "partner " + r.type().partner().wire() + " is not connected; the message was dropped");
            }
        });
    }

    /** A group's center or local slot: one connection each, cluster-wide. */
    private static Address slot(String groupId, PeerType type) {
        return Address.of(SLOT, groupId, type.wire());
    }

    /** A cluster node is gone with the relay peers it held: their partners here (or elsewhere) hear it. */
    void nodeGone(@Observes ClusterEvents.NodeGone gone) {
        for (Address a : gone.released()) {
            int last = a.name().lastIndexOf(':');
            if (!a.hasKind(SLOT) || last <= SLOT.length()) {
                continue;
            }
            String group = a.name().substring(SLOT.length() + 1, last); // group ids may hold ':' themselves
            PeerType.fromWire(a.name().substring(last + 1)).ifPresent(side -> router.toAddress(
                    slot(group, side.partner()), RelayEncoder.frame(RelayNotice.of(group, side.partner().wire(),
                            RelayMessageType.DISCONNECT, "partner " + side.wire() + " offline (node gone)"))));
        }
    }

    /** The peer is gone (closed or timed out): free its slot and tell the partner, exactly once. */
    private void depart(RelayPeer peer, String why) {
        if (!peer.depart()) {
            return;
        }
        peer.registration().filter(r -> router.release(slot(r.groupId(), r.type()), peer.connection()))
                .ifPresent(r -> router.toAddress(slot(r.groupId(), r.type().partner()),
                        RelayEncoder.frame(RelayNotice.of(r.groupId(), r.type().partner().wire(),
                                RelayMessageType.DISCONNECT, "partner " + r.type().wire() + " " + why))));
    }

    private void notice(RelayPeer peer, RelayPeer.Registration r, RelayMessageType type, String content) {
        router.reply(peer.connection(), RelayEncoder.frame(RelayNotice.of(r.groupId(), r.type().wire(), type,
                content)));
    }

    private void error(RelayPeer peer, RelayPeer.Registration r, String content) {
        error(peer, r.groupId(), r.type().wire(), content);
    }

    /** An error in the seed's shape, counted toward the connection's error rate (SPEC §12). */
    private void error(RelayPeer peer, String groupId, String receiverType, String content) {
        router.reply(peer.connection(), RelayEncoder.frame(RelayNotice.of(groupId, receiverType,
                RelayMessageType.ERROR, content)));
        peer.connection().countError();
    }
}
