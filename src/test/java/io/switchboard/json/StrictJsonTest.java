package io.switchboard.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictJsonTest {
    public record Sample(String name, JsonObject data, JsonValue any, boolean flag, Long count, int small) {
    }

    @Test
    void readsEveryComponentTypeBySnakeCaseName() throws Exception {
        Sample s = StrictJson.read("{\"name\":\"n\",\"data\":{\"a\":1},\"any\":[1,\"x\"],\"flag\":true,\"count\":"
                + "9007199254740993,\"small\":-3,\"unknown\":{\"ignored\":[1,2]}}", Sample.class);
        assertEquals("n", s.name());
        assertEquals(1, s.data().getInt("a"));
        assertEquals(JsonValue.ValueType.ARRAY, s.any().getValueType());
        assertTrue(s.flag());
        assertEquals(9007199254740993L, s.count());
        assertEquals(-3, s.small());
    }

    @Test
    void nullAndAbsentFieldsAreTheSame() throws Exception {
        Sample s = StrictJson.read("{\"name\":null,\"count\":null}", Sample.class);
        assertNull(s.name());
        assertNull(s.count());
        assertNull(s.data());
        assertFalse(s.flag());
    }

    @Test
    void snakeCaseOfComponentNames() throws Exception {
        assertEquals("bob", StrictJson.read("{\"to_user_id\":\"bob\"}", Pub.class).toUserId());
    }

    public record Pub(String toUserId) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[{\"name\":\"n\"}]", "[]", "\"n\"", "5", "null", "true",
            "{\"name\":5}", "{\"name\":{}}", "{\"name\":[\"n\"]}", "{\"data\":[]}", "{\"data\":\"{}\"}",
            "{\"flag\":\"true\"}", "{\"flag\":1}", "{\"count\":1.5}", "{\"count\":\"1\"}", "{\"small\":3000000000}",
            "{\"small\":null}", "{\"name\":\"a\",\"name\":\"b\"}"})
    void jsonOfTheWrongShapeIsRefusedNotConverted(String text) {
        StrictJson.Refused r = assertThrows(StrictJson.Refused.class, () -> StrictJson.read(text, Sample.class));
        assertFalse(r.isSyntaxError(), text + ": " + r.getMessage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "{", "{\"name\":}", "{\"name\":\"n\"} x", "{\"name\":\"n\"}{}", "{\"name\":\"n\"},",
            "{'name':'n'}", "nope"})
    void textThatIsNotExactlyOneJsonValueIsASyntaxError(String text) {
        StrictJson.Refused r = assertThrows(StrictJson.Refused.class, () -> StrictJson.read(text, Sample.class));
        assertTrue(r.isSyntaxError(), text + ": " + r.getMessage());
    }

    @Test
    void theMessageNamesTheField() {
        StrictJson.Refused r = assertThrows(StrictJson.Refused.class,
                () -> StrictJson.read("{\"to_user_id\":5}", Pub.class));
        assertEquals("\"to_user_id\" must be a string", r.getMessage());
    }

    /** Found by fuzzing (issue 12): these escaped as the parser's runtime exceptions instead of being refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"count\":1e9999999999}", "{\"any\":1e-9999999999}", "{\"data\":{\"n\":[9e9999999999]}}",
            "{\"small\":1e2147483648}"})
    void aNumberJsonPCannotHoldIsOutOfRange(String text) {
        StrictJson.Refused r = assertThrows(StrictJson.Refused.class, () -> StrictJson.read(text, Sample.class));
        assertFalse(r.isSyntaxError());
        assertTrue(r.getMessage().endsWith("holds a number out of range"), r.getMessage());
    }

    @Test
    void aNumberOfMoreThan1100CharactersIsOutOfRange() {
        StrictJson.Refused r = assertThrows(StrictJson.Refused.class,
                () -> StrictJson.read("{\"any\":1." + "1".repeat(2000) + "}", Sample.class));
        assertEquals("\"any\" holds a number out of range", r.getMessage());
    }

    @Test
    void aNumberJsonPCannotHoldIsHarmlessInAFieldThatIsNotRead() throws Exception {
        assertEquals("n", StrictJson.read("{\"name\":\"n\",\"other\":[1e9999999999]}", Sample.class).name());
    }

    @Test
    void nestingIsLimited() throws Exception {
        int inner = StrictJson.MAX_DEPTH - 1;
        String deepest = "{\"data\":" + "[".repeat(inner - 1) + "{}" + "]".repeat(inner - 1) + "}";
        assertEquals(JsonValue.ValueType.ARRAY, StrictJson.read(deepest.replace("\"data\"", "\"any\""), Sample.class)
                .any().getValueType());
        for (String text : new String[] {"{\"any\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}",
                "{\"unknown\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}", "[".repeat(100_000)}) {
            StrictJson.Refused r = assertThrows(StrictJson.Refused.class, () -> StrictJson.read(text, Sample.class));
            assertFalse(r.isSyntaxError());
            assertEquals("nested more than " + StrictJson.MAX_DEPTH + " levels deep", r.getMessage());
        }
        // Brackets in strings do not count.
        assertEquals("[".repeat(5000), StrictJson.read("{\"name\":\"" + "[".repeat(5000) + "\"}", Sample.class).name());
    }

    /** Found by fuzzing (issue 12): Parsson's skipObject/skipArray spun for ever on these, a thread per frame. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"unknown\":{", "{\"unknown\":[", "{\"unknown\":[1,{\"a\":[", "{\"unknown\":{\"a\":\"b\":{",
            "{\"id\u00de\":{\"id\":\"id\":{\"id\":01{\"id\":01}"})
    @Timeout(10)
    void anUnknownFieldTheTextEndsInsideIsASyntaxError(String text) {
        StrictJson.Refused r = assertThrows(StrictJson.Refused.class, () -> StrictJson.read(text, Sample.class));
        assertTrue(r.isSyntaxError(), r.getMessage());
    }
}
