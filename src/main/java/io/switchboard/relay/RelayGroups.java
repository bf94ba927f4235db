package io.switchboard.relay;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds the center and the local slot of each group (SPEC §6). Claims and releases are atomic per group
 * (map compute), so two devices racing for one slot end with exactly one holder, and the loser's close never
 * frees the winner's slot. A group disappears with its last peer.
 */
@ApplicationScoped
public class RelayGroups {
    private final Map<String, Slots> groups = new ConcurrentHashMap<>();

    private record Slots(RelayPeer center, RelayPeer local) {
        RelayPeer get(PeerType type) {
            return type == PeerType.CENTER ? center : local;
        }

        Slots with(PeerType type, RelayPeer peer) {
            return type == PeerType.CENTER ? new Slots(peer, local) : new Slots(center, peer);
        }

        boolean isEmpty() {
            return center == null && local == null;
        }
    }

    /** Takes the slot for {@code peer}. @return empty when taken, otherwise the peer already holding it */
    public Optional<RelayPeer> claim(String groupId, PeerType type, RelayPeer peer) {
        RelayPeer[] holder = new RelayPeer[1];
        groups.compute(groupId, (id, slots) -> {
            Slots s = slots == null ? new Slots(null, null) : slots;
            RelayPeer current = s.get(type);
            if (current != null && current != peer) {
                holder[0] = current;
                return s;
            }
            return s.with(type, peer);
        });
        return Optional.ofNullable(holder[0]);
    }

    /** Frees the slot if {@code peer} holds it. @return the partner still in the group, if any */
    public Optional<RelayPeer> release(String groupId, PeerType type, RelayPeer peer) {
        RelayPeer[] partner = new RelayPeer[1];
        groups.computeIfPresent(groupId, (id, slots) -> {
            if (slots.get(type) != peer) {
                return slots;
            }
            Slots left = slots.with(type, null);
            partner[0] = left.get(type.partner());
            return left.isEmpty() ? null : left;
        });
        return Optional.ofNullable(partner[0]);
    }

    /** The peer holding the other side of the group. */
    public Optional<RelayPeer> partnerOf(String groupId, PeerType type) {
        Slots s = groups.get(groupId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(type.partner()));
    }

    /** Groups with at least one peer connected. */
    public int count() {
        return groups.size();
    }
}
