package io.switchboard.routing;

import io.switchboard.session.Connection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims on addresses held by this node's connections. Claims are atomic per address (map compute), so two
 * connections racing for one address end with exactly one holder, and a holder's release never frees an address
 * that another connection has taken since. A holder that is closing no longer counts: its address may be taken.
 */
@ApplicationScoped
public class AddressTable {
    private final Map<String, Connection> holders = new ConcurrentHashMap<>();

    public Claim claim(Address address, Connection claimant, Claim.Policy policy) {
        Connection[] before = new Connection[1];
        holders.compute(address.name(), (name, holder) -> {
            before[0] = holder;
            if (holder != null && holder != claimant && !holder.isClosing() && policy == Claim.Policy.EXCLUSIVE) {
                return holder;
            }
            return claimant;
        });
        Connection previous = before[0];
        if (previous == null || previous == claimant) {
            return Claim.GRANTED;
        }
        if (!previous.isClosing() && policy == Claim.Policy.EXCLUSIVE) {
            return Claim.REFUSED;
        }
        return previous.isClosing() ? Claim.GRANTED : Claim.tookOver(previous.id());
    }

    public boolean release(Address address, Connection holder) {
        return holders.remove(address.name(), holder);
    }

    /** The connection holding the address on this node, or null. */
    Connection holder(Address address) {
        return holders.get(address.name());
    }

    /** Whether a connection of this node (not closing) holds the address. */
    public boolean holds(Address address) {
        Connection c = holders.get(address.name());
        return c != null && !c.isClosing();
    }

    /** Every claim held here (to write them again after the cluster lost them). */
    public java.util.List<Map.Entry<String, Connection>> entries() {
        return java.util.List.copyOf(holders.entrySet());
    }

    /** How many addresses of a kind are claimed here (admin counts). */
    public int count(String kind) {
        String prefix = kind + ":";
        int n = 0;
        for (String name : holders.keySet()) {
            if (name.startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }
}
