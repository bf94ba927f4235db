package io.switchboard.store;

/** A read from the database could not be answered: storing is off, not ready yet, or the database is down. */
public class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
