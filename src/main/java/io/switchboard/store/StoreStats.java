package io.switchboard.store;

/**
 * The store's part of {@code /ws/stats} (and of the metrics to come): where it writes, and the write-behind
 * buffer's counters.
 *
 * @param database which database ("none" when storing is off)
 */
public record StoreStats(String database, Buffer buffer) {

    /**
     * @param state     {@code starting}, {@code up}, {@code down} or {@code off}
     * @param buffered  records accepted and not yet written
     * @param bound     the most records the buffer holds (SWITCHBOARD_STORE_BUFFER)
     * @param accepted  records accepted since start
     * @param written   records written since start
     * @param dropped   records refused because the buffer was full (never stored)
     * @param rejected  records the database refused for their content (logged, skipped)
     * @param failures  failed attempts to reach or write to the database
     */
    public record Buffer(String state, long buffered, long bound, long accepted, long written, long dropped,
                         long rejected, long failures, String lastError) {
    }
}
