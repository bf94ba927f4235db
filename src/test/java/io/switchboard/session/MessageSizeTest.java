package io.switchboard.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limit is in UTF-8 bytes, not characters. */
class MessageSizeTest {
    @Test
    void countsBytesNotCharacters() {
        assertFalse(MessageSize.exceeds("a".repeat(100), 100));
        assertTrue(MessageSize.exceeds("a".repeat(101), 100));
        // 'é' is two bytes, '€' three, an emoji four (two chars)
        assertFalse(MessageSize.exceeds("é".repeat(50), 100));
        assertTrue(MessageSize.exceeds("é".repeat(51), 100));
        assertTrue(MessageSize.exceeds("€".repeat(34), 100));
        assertFalse(MessageSize.exceeds("😀".repeat(25), 100));
        assertTrue(MessageSize.exceeds("😀".repeat(26), 100));
    }
}
