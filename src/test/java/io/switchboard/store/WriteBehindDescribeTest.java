package io.switchboard.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a store failure reads in the log and in {@code store.buffer.last_error}: one line, with its root cause. */
class WriteBehindDescribeTest {

    @Test
    void aBatchFailureNamesTheRootCauseBehindItsNextExceptionWithoutTheSqlText() {
        SQLException row = new SQLException("General error: \"Writing to file failed\"; SQL statement:\nMERGE INTO"
                + " messages …", "HY000", new IOException("No space left on device"));
        BatchUpdateException batch = new BatchUpdateException("General error: \"Writing to file failed\"; SQL "
                + "statement:\nMERGE INTO messages …", new int[0]);
        batch.setNextException(row);
        assertEquals("BatchUpdateException: General error: \"Writing to file failed\" (cause: IOException: No space "
                + "left on device)", WriteBehind.describe(batch));
    }

    @Test
    void aFailureWithoutAnotherReasonIsItsOwnFirstLine() {
        assertEquals("SQLException: connection refused",
                WriteBehind.describe(new SQLException("connection refused\n  detail", "08001")));
        assertEquals("SQLException: connection refused", WriteBehind.describe(
                new SQLException("connection refused", "08001", new IOException("connection refused"))));
    }
}
