package io.switchboard.session;

/** What a connection reports back to the registry's counters. */
interface ConnectionEvents {
    void delivered();

    /** A sheddable frame (presence) was dropped for a connection that has much queued. */
    void shed();

    void closing(Connection connection, Closing why);
}
