package io.switchboard.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A frame's size (what it weighs in the outbound bound) is its bytes on the wire, counted without building them. */
class FrameTest {

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 70000})
    void theSizeOfATextFrameIsItsWireLength(int length) {
        String ascii = "a".repeat(length);
        assertEquals(Frame.text(ascii).wire().length, Frame.text(ascii).size());
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        // 'é' two bytes, '€' three, an emoji four (two chars), an unpaired surrogate one ('?')
        for (String s : new String[] {"é".repeat(63), "€".repeat(42), "😀".repeat(40), "x\uD800y", "ab\uDC00", "é€😀a"}) {
            assertEquals(Frame.text(s).wire().length, Frame.text(s).size(), s);
        }
    }

    @Test
    void theSizeOfABinaryFrameIsItsWireLength() {
        Frame f = Frame.binary(ByteBuffer.wrap(new byte[300]));
        assertEquals(f.wire().length, f.size());
        assertEquals(304, f.size());
    }

    @Test
    void aSizeCountedAfterTheWireBytesWereBuiltIsTheSame() {
        Frame f = Frame.text("€".repeat(100));
        int wire = f.wire().length;
        assertEquals(wire, f.size());
    }

    @Test
    void onlyFramesMarkedSoAreSheddableAndTheMarkKeepsTheMessage() {
        Frame plain = Frame.text("{\"message_type\":\"user_left\"}");
        Frame sheddable = plain.asSheddable();
        assertFalse(plain.isSheddable());
        assertTrue(sheddable.isSheddable());
        assertSame(plain.text(), sheddable.text());
        assertEquals(plain.size(), sheddable.size());
    }
}
