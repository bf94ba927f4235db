package io.switchboard.session;

/** What a connection reports back to the registry's counters. */
interface ConnectionEvents {
    void delivered();

    void closing(Connection connection, Closing why);
}
