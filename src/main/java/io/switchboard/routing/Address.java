package io.switchboard.routing;

/**
 * A name that at most one connection holds at a time, cluster-wide: a device id on {@code /rooms}, a device's place
 * in its room, a center or local slot of a relay group. Features name their addresses; the bus keeps the claims
 * ({@link MessageBus#claim}) and resolves deliveries to them ({@link Target.Claimed}).
 */
public record Address(String name) {
    public Address {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an address needs a name");
        }
    }

    /** {@code kind:part:part...}: one naming scheme, so that two features never claim the same name by accident. */
    public static Address of(String kind, String... parts) {
        StringBuilder b = new StringBuilder(kind);
        for (String p : parts) {
            b.append(':').append(p);
        }
        return new Address(b.toString());
    }

    public boolean hasKind(String kind) {
        return name.startsWith(kind + ":");
    }
}
