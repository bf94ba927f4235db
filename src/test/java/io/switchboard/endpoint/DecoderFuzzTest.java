package io.switchboard.endpoint;

import io.switchboard.devices.DeviceDecoder;
import io.switchboard.relay.RelayDecoder;
import io.switchboard.relay.RelayInbound;
import io.switchboard.rpc.RpcDecoder;
import io.switchboard.testing.FuzzInput;
import io.switchboard.testing.FuzzTarget;
import io.switchboard.ws.WsDecoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every endpoint's decoder through the one {@link GuardedDecoder} path (issue 12): whatever text comes in, a
 * {@link Decoded} comes out — a message, or bad input of a kind a decoder decides — never an exception, never a
 * hang, and the same answer for the same text (decoders are shared between connections). The seed corpus is in
 * {@code src/test/resources/io/switchboard/endpoint/DecoderFuzzTestInputs/<method>/}; docs/architecture.md,
 * "Fuzzing", says how to fuzz for real. The size limit is not set here (it needs the running server's settings):
 * {@code MessageSizeTest} covers it.
 */
class DecoderFuzzTest {
    private static final WsDecoder WS = new WsDecoder();
    private static final DeviceDecoder ROOMS = new DeviceDecoder();
    private static final RelayDecoder RELAY = new RelayDecoder();
    private static final RpcDecoder RPC = new RpcDecoder();

    @FuzzTarget
    void ws(byte[] input) {
        for (String text : FuzzInput.texts(input)) {
            decodes(WS, text);
        }
    }

    @FuzzTarget
    void rooms(byte[] input) {
        for (String text : FuzzInput.texts(input)) {
            decodes(ROOMS, text);
        }
    }

    @FuzzTarget
    void relay(byte[] input) {
        for (String text : FuzzInput.texts(input)) {
            if (decodes(RELAY, text) instanceof Decoded.Message<?> m) {
                // Relayed to the partner as the exact text received (SPEC §12).
                assertSame(text, assertInstanceOf(RelayInbound.class, m.message()).raw());
            }
        }
    }

    @FuzzTarget
    void rpc(byte[] input) {
        for (String text : FuzzInput.texts(input)) {
            decodes(RPC, text);
        }
    }

    private static Decoded<?> decodes(GuardedDecoder<?, ?> decoder, String text) {
        Decoded<?> decoded = decoder.decode(text);
        assertNotNull(decoded);
        if (decoded instanceof Decoded.Message<?> m) {
            assertNotNull(m.message());
        } else if (decoded instanceof Decoded.Bad<?> bad) {
            assertNotNull(bad.problem());
            assertNotNull(bad.reason());
            assertNotEquals(BadInput.RATE_LIMITED, bad.problem(), "decided by the FrontDoor, never by a decoder");
        }
        assertEquals(decoded, decoder.decode(text), "the same text decodes the same way");
        return decoded;
    }
}
