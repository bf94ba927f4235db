package io.switchboard.rooms;

import io.switchboard.config.Settings;
import io.switchboard.session.Channel;
import io.switchboard.session.Scheduling;
import io.switchboard.session.SessionRegistry;
import io.switchboard.store.Store;
import io.switchboard.store.StoreStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seed 002's status output, every SWITCHBOARD_STATUS_INTERVAL (default 60 s), one INFO line: connections (per
 * endpoint), active rooms, members per active room (the 20 fullest, then a count of the rest), and the store's
 * buffer. For example:
 * {@code status: 5 connections (ws 1, rooms 4, relay 0, rpc 0); 2 active rooms of 3; members per room: ABC123=3,
 * lobby=1; store up, 0 buffered}.
 */
@ApplicationScoped
public class StatusLine {
    private static final Logger LOG = Logger.getLogger(StatusLine.class.getName());
    static final int MAX_ROOMS_LISTED = 20;

    @Inject
    Settings settings;
    @Inject
    Scheduling scheduling;
    @Inject
    SessionRegistry registry;
    @Inject
    RoomRegistry rooms;
    @Inject
    Store store;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        long ms = settings.statusInterval().toMillis();
        scheduling.executor().scheduleAtFixedRate(this::log, ms, ms, TimeUnit.MILLISECONDS);
    }

    void log() {
        try {
            LOG.info(line());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status line failed", e);
        }
    }

    String line() {
        StringJoiner endpoints = new StringJoiner(", ");
        Map<Channel, Integer> byChannel = registry.countByChannel();
        byChannel.forEach((ch, n) -> endpoints.add(ch.label() + " " + n));
        List<Room> active = new ArrayList<>(rooms.active());
        active.sort((a, b) -> Integer.compare(b.members().size(), a.members().size()));
        StringJoiner perRoom = new StringJoiner(", ");
        for (Room r : active.subList(0, Math.min(MAX_ROOMS_LISTED, active.size()))) {
            perRoom.add(r.id() + "=" + r.members().size());
        }
        if (active.size() > MAX_ROOMS_LISTED) {
            perRoom.add("… " + (active.size() - MAX_ROOMS_LISTED) + " more");
        }
        StoreStats.Buffer b = store.stats().buffer();
        return "status: " + registry.count() + " connections (" + endpoints + "); " + active.size()
                + " active rooms of " + rooms.count() + "; members per room: "
                + (active.isEmpty() ? "none" : perRoom.toString()) + "; store " + b.state() + ", " + b.buffered()
                + " buffered" + (b.dropped() > 0 ? ", " + b.dropped() + " dropped" : "");
    }
}
