package io.switchboard.json;

import io.switchboard.devices.DeviceInbound;
import io.switchboard.relay.RelayMessage;
import io.switchboard.rpc.RpcRequest;
import io.switchboard.testing.FuzzInput;
import io.switchboard.testing.FuzzTarget;
import io.switchboard.ws.WsMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link StrictJson#read} for each wire record, and for a record of every component type it supports (issue 12):
 * it returns the record or throws {@link StrictJson.Refused}, nothing else, and never hangs. Checked against JSON-P's
 * own tree reading of the same text: what StrictJson reads is a JSON object whose fields have exactly the values
 * read, and what it calls "not valid JSON" the tree reader cannot read either. (A shape error may come before the
 * end of a text that is not JSON at all: StrictJson stops at the first wrong thing.) Seed corpus:
 * {@code src/test/resources/io/switchboard/json/StrictJsonFuzzTestInputs/<method>/}.
 */
class StrictJsonFuzzTest {

    /** Every component type StrictJson binds. */
    public record Everything(String text, boolean flag, Boolean maybe, int small, Integer boxedSmall, long big,
            Long boxedBig, JsonObject object, JsonArray array, JsonValue any) {
    }

    @FuzzTarget
    void wsMessage(byte[] input) throws Exception {
        readsLikeTheTree(input, WsMessage.class);
    }

    @FuzzTarget
    void deviceInbound(byte[] input) throws Exception {
        readsLikeTheTree(input, DeviceInbound.class);
    }

    @FuzzTarget
    void relayMessage(byte[] input) throws Exception {
        readsLikeTheTree(input, RelayMessage.class);
    }

    @FuzzTarget
    void rpcRequest(byte[] input) throws Exception {
        readsLikeTheTree(input, RpcRequest.class);
    }

    @FuzzTarget
    void everyComponentType(byte[] input) throws Exception {
        readsLikeTheTree(input, Everything.class);
    }

    private static void readsLikeTheTree(byte[] input, Class<? extends Record> type) throws Exception {
        for (String text : FuzzInput.texts(input)) {
            Tree tree = Tree.of(text);
            Record read;
            try {
                read = StrictJson.read(text, type);
            } catch (StrictJson.Refused refused) {
                assertNotNull(refused.getMessage());
                if (refused.isSyntaxError()) {
                    // Not notJson(): a number beyond JSON-P's limits may stop its reading before the syntax error.
                    assertNull(tree.value(), "refused as not JSON, but JSON-P reads it");
                }
                continue;
            }
            if (tree.beyondLimits()) {
                // Read, but JSON-P cannot build the whole tree: a number it cannot hold in a field StrictJson skips.
                continue;
            }
            if (!(tree.value() instanceof JsonObject object)) {
                fail("read as a " + type.getSimpleName() + ", but JSON-P reads " + tree);
                return;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                String name = StrictJson.wireName(c.getName());
                assertEquals(expected(object.get(name), c.getType()), c.getAccessor().invoke(read), name);
            }
        }
    }

    /**
     * The text as JSON-P reads it whole: one JSON value and nothing after it ({@code JsonReader} ignores what follows
     * the first value, so the parser is used), not JSON at all, or JSON beyond JSON-P's limits (nesting, numbers).
     */
    private record Tree(JsonValue value, boolean notJson) {
        static Tree of(String text) {
            try (JsonParser p = Json.createParser(new StringReader(text))) {
                if (!p.hasNext()) {
                    return new Tree(null, true);
                }
                p.next();
                JsonValue value = p.getValue();
                return p.hasNext() ? new Tree(null, true) : new Tree(value, false);
            } catch (JsonException | NoSuchElementException e) {
                return new Tree(null, true);
            } catch (RuntimeException limit) {
                // Parsson's limits: NumberFormatException, UnsupportedOperationException, a bare RuntimeException.
                return new Tree(null, false);
            }
        }

        boolean beyondLimits() {
            return value == null && !notJson;
        }
    }

    /** What a field read from the tree must be bound as (the types StrictJson accepts, as the tree has them). */
    private static Object expected(JsonValue v, Class<?> type) {
        boolean absent = v == null || v.getValueType() == JsonValue.ValueType.NULL;
        if (type == boolean.class) {
            return !absent && JsonValue.TRUE.equals(v);
        }
        if (type == int.class || type == long.class) {
            long n = absent ? 0 : ((JsonNumber) v).longValueExact();
            return type == int.class ? (Object) Math.toIntExact(n) : (Object) n;
        }
        if (absent) {
            return null;
        }
        if (type == String.class) {
            return ((JsonString) v).getString();
        }
        if (type == Boolean.class) {
            return JsonValue.TRUE.equals(v);
        }
        if (type == Integer.class) {
            return Math.toIntExact(((JsonNumber) v).longValueExact());
        }
        if (type == Long.class) {
            return ((JsonNumber) v).longValueExact();
        }
        return v;
    }
}
