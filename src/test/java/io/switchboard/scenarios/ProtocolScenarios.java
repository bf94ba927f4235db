package io.switchboard.scenarios;

import io.switchboard.testing.ClientFrame;
import io.switchboard.testing.RawHandshake;
import io.switchboard.testing.RawHandshake.Request;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.ServerTarget;
import io.switchboard.testing.TargetRuntime;
import io.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455 on the wire, with raw sockets: the opening handshake (§4.1–4.2), framing, masking, control frames,
 * fragmentation, UTF-8 and the closing handshake (§5, §7), and the message size limit (SPEC §12). Shared by all
 * runtimes. Where a container cannot be made to comply, the test asserts that container's documented behaviour
 * (docs/deployment.md, "Known limitations") instead, so that a change in either direction is noticed.
 */
public abstract class ProtocolScenarios {
    /** SWITCHBOARD_MAX_MESSAGE_BYTES of every test server (the default). */
    private static final int LIMIT = 65_536;

    protected abstract ServerTarget target();

    protected abstract TargetRuntime runtime();

    /** What the server did after the frames of a case, as the client saw it. */
    protected record Outcome(String description) {
        static Outcome closedWith(int code) {
            return new Outcome("closed with " + code);
        }

        /** It went on reading and answered the probe sent after the case's frames. */
        static final Outcome CARRIED_ON = new Outcome("carried on");
        /** The connection ended without a close frame from the server. */
        static final Outcome DROPPED = new Outcome("dropped without a close frame");
    }

    private URI endpoint(String path) {
        String token = path.equals("ws") ? target().userToken("u-" + UUID.randomUUID())
                : target().minter().device("proto-" + UUID.randomUUID(), Duration.ofHours(1));
        return target().ws(path + "?token=" + token);
    }

    private RawWebSocket openWs() throws IOException {
        return RawWebSocket.open(endpoint("ws"));
    }

    /**
     * Sends the frames, then a {@code /ws} ping message as a probe: a compliant server closes on the first bad frame,
     * one that carries on answers the probe. (A server that did neither would be closed by its keepalive, 4408, or
     * fail the read's deadline.)
     */
    private Outcome outcomeOf(ClientFrame... frames) throws IOException {
        try (RawWebSocket raw = openWs()) {
            String probe = "probe-" + UUID.randomUUID();
            raw.send(frames);
            raw.send(ClientFrame.text("{\"id\":\"" + probe + "\",\"message_type\":\"ping\"}"));
            while (true) {
                RawWebSocket.ServerFrame f;
                try {
                    f = raw.nextFrame();
                } catch (EOFException | SocketException ended) {
                    return Outcome.DROPPED;
                }
                if (f.opcode() == ClientFrame.CLOSE) {
                    return Outcome.closedWith(f.closeCode());
                }
                if (f.opcode() == ClientFrame.TEXT && f.text().contains(probe)) {
                    return Outcome.CARRIED_ON;
                }
            }
        }
    }

    private static byte[] bytes(int size) {
        return new byte[size];
    }

    // ---- The opening handshake (RFC 6455 §4.1, §4.2.1): judged before the token, alike in every runtime ----

    static Stream<Arguments> handshakes() {
        return Stream.of(
                Arguments.of("a well-formed request", (UnaryOperator<Request>) r -> r, 101),
                Arguments.of("Connection with more tokens", (UnaryOperator<Request>) r -> r.with("Connection",
                        "keep-alive, Upgrade"), 101),
                Arguments.of("Upgrade in another case", (UnaryOperator<Request>) r -> r.with("Upgrade", "WebSocket"),
                        101),
                Arguments.of("POST", (UnaryOperator<Request>) r -> r.method("POST"), 400),
                Arguments.of("HTTP/1.0", (UnaryOperator<Request>) r -> r.version("HTTP/1.0"), 400),
                Arguments.of("a key of 8 bytes", (UnaryOperator<Request>) r -> r.with("Sec-WebSocket-Key",
                        "AAECAwQFBgc="), 400),
                Arguments.of("a key that is not base64", (UnaryOperator<Request>) r -> r.with("Sec-WebSocket-Key",
                        "not*base64*at*all*here!!"), 400),
                Arguments.of("no key", (UnaryOperator<Request>) r -> r.without("Sec-WebSocket-Key"), 400),
                Arguments.of("no Connection", (UnaryOperator<Request>) r -> r.without("Connection"), 400),
                Arguments.of("Connection without upgrade", (UnaryOperator<Request>) r -> r.with("Connection",
                        "keep-alive"), 400),
                Arguments.of("an Upgrade other than websocket", (UnaryOperator<Request>) r -> r.with("Upgrade",
                        "h2c"), 400),
                Arguments.of("version 8", (UnaryOperator<Request>) r -> r.with("Sec-WebSocket-Version", "8"), 426),
                Arguments.of("no version", (UnaryOperator<Request>) r -> r.without("Sec-WebSocket-Version"), 426));
    }

    @ParameterizedTest(name = "{0}: HTTP {2}")
    @MethodSource("handshakes")
    void theOpeningHandshakeIsJudgedByRfc6455(String what, UnaryOperator<Request> change, int status) {
        URI ws = endpoint("ws");
        RawHandshake.Answer answer = RawHandshake.send(ws, change.apply(Request.upgrade(ws)));
        assertEquals(status, answer.status(), what + ": " + answer);
        if (status == 400) {
            assertEquals("bad_request", WsClient.parse(answer.body()).getString("error"), answer.body());
            assertFalse(WsClient.parse(answer.body()).getString("message").isBlank(), answer.body());
        }
        if (status == 426) {
            assertEquals("13", answer.headers().get("sec-websocket-version"), answer.headers().toString());
            assertEquals("upgrade_required", WsClient.parse(answer.body()).getString("error"), answer.body());
        }
    }

    /** Each runtime's HTTP layer refuses it before any filter, with a body of its own. */
    @Test
    void aRequestWithoutHostIsABadRequest() {
        URI ws = endpoint("ws");
        assertEquals(400, RawHandshake.send(ws, Request.upgrade(ws).without("Host")).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rooms", "relay", "rpc"})
    void everyEndpointJudgesTheFormBeforeTheToken(String path) {
        URI noToken = target().ws(path);
        assertEquals(400, RawHandshake.send(noToken, Request.upgrade(noToken).method("POST")).status());
        assertEquals(426, RawHandshake.send(noToken, Request.upgrade(noToken).with("Sec-WebSocket-Version", "8"))
                .status());
        assertEquals(401, RawHandshake.send(target().ws(path + "?token=nope"), Map.of()).status());
    }

    @Test
    void aPlainRequestOfAnEndpointPathIsNoHandshake() {
        URI ws = target().ws("ws");
        int status = RawHandshake.send(ws, Request.upgrade(ws).without("Upgrade").without("Connection")
                .without("Sec-WebSocket-Key").without("Sec-WebSocket-Version")).status();
        // Left to the HTTP API, which has no resource there (GET /ws/online and the rest are its resources).
        assertEquals(404, status);
    }

    // ---- Masking, reserved bits and opcodes (RFC 6455 §5.1, §5.2) ----

    @Test
    void anUnmaskedFrameClosesWith1002() throws IOException {
        Outcome outcome = outcomeOf(ClientFrame.text("{\"message_type\":\"ping\"}").unmasked());
        // Payara: Tyrus never checks the mask bit (docs/deployment.md).
        assertEquals(runtime() == TargetRuntime.PAYARA ? Outcome.CARRIED_ON : Outcome.closedWith(1002), outcome);
    }

    @ParameterizedTest(name = "RSV bits {0}")
    @ValueSource(ints = {4, 2, 1})
    void aReservedBitWithoutAnExtensionClosesWith1002(int rsv) throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.text("{}").rsv(rsv)));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void aReservedOpcodeClosesWith1002(int opcode) throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.of(opcode, bytes(3))));
    }

    @Test
    void aLengthWithItsMostSignificantBitSetClosesWith1002() throws IOException {
        // No payload follows: what a server that ignores the rule does next must not depend on random mask bytes.
        Outcome outcome = outcomeOf(ClientFrame.of(ClientFrame.TEXT, bytes(0)).declaredLength(Long.MIN_VALUE));
        // WildFly: Undertow takes the length as a signed number and reads on (docs/deployment.md).
        assertEquals(runtime() == TargetRuntime.WILDFLY ? Outcome.CARRIED_ON : Outcome.closedWith(1002), outcome);
    }

    // ---- Control frames (§5.5) ----

    @Test
    void aPingOfMoreThan125BytesClosesWith1002() throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.of(ClientFrame.PING, bytes(126))));
    }

    @Test
    void aFragmentedPingClosesWith1002() throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.of(ClientFrame.PING, bytes(2)).notFinal(),
                ClientFrame.of(ClientFrame.CONTINUATION, bytes(2))));
    }

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayload() throws IOException {
        try (RawWebSocket raw = openWs()) {
            byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);
            raw.send(ClientFrame.of(ClientFrame.PING, payload));
            assertArrayEquals(payload, nextPong(raw));
        }
    }

    private static byte[] nextPong(RawWebSocket raw) throws IOException {
        while (true) {
            RawWebSocket.ServerFrame f = raw.nextFrame();
            assertTrue(f.opcode() != ClientFrame.CLOSE, "closed with " + f.closeCode());
            if (f.opcode() == ClientFrame.PONG) {
                return f.payload();
            }
        }
    }

    // ---- Fragmentation (§5.4) ----

    @Test
    void aFragmentedMessageWithPingsBetweenItsFramesIsReassembled() throws IOException {
        try (RawWebSocket raw = openWs()) {
            raw.send(ClientFrame.text("{\"id\":\"frag\",").notFinal(),
                    ClientFrame.of(ClientFrame.PING, new byte[] {1}),
                    ClientFrame.of(ClientFrame.CONTINUATION, "\"message_type\"".getBytes(StandardCharsets.UTF_8))
                            .notFinal(),
                    ClientFrame.of(ClientFrame.PING, new byte[] {2}),
                    ClientFrame.of(ClientFrame.CONTINUATION, ":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
            assertArrayEquals(new byte[] {1}, nextPong(raw));
            assertArrayEquals(new byte[] {2}, nextPong(raw));
            String pong;
            do {
                pong = raw.nextText();
            } while (!pong.contains("\"frag\""));
            assertTrue(pong.contains("\"pong\""), pong);
        }
    }

    @Test
    void aContinuationWithoutAStartClosesWith1002() throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.of(ClientFrame.CONTINUATION, bytes(2))));
    }

    @Test
    void aNewMessageInsideAFragmentedOneClosesWith1002() throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.text("{").notFinal(), ClientFrame.text("{}")));
    }

    // ---- UTF-8 (§8.1) ----

    @Test
    void aCharacterSplitAcrossFragmentsIsFine() throws IOException {
        byte[] whole = "{\"id\":\"caf\u00e9\",\"message_type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        int split = 11; // between the two bytes of the é
        assertEquals((byte) 0xC3, whole[split - 1], "the split falls inside the é");
        try (RawWebSocket raw = openWs()) {
            raw.send(ClientFrame.of(ClientFrame.TEXT, java.util.Arrays.copyOf(whole, split)).notFinal(),
                    ClientFrame.of(ClientFrame.CONTINUATION, java.util.Arrays.copyOfRange(whole, split, whole.length)));
            String pong;
            do {
                pong = raw.nextText();
            } while (!pong.contains("caf\u00e9"));
            assertTrue(pong.contains("\"pong\""), pong);
        }
    }

    @Test
    void invalidUtf8AcrossFragmentsClosesWith1007() throws IOException {
        // A four-byte sequence cut after its second byte, continued by a byte that cannot continue it.
        assertEquals(Outcome.closedWith(1007), outcomeOf(
                ClientFrame.of(ClientFrame.TEXT, new byte[] {'{', (byte) 0xF0, (byte) 0x9F}).notFinal(),
                ClientFrame.of(ClientFrame.CONTINUATION, new byte[] {'A', '}'})));
    }

    @Test
    void invalidUtf8InACloseReasonClosesWith1007() throws IOException {
        byte[] payload = {0x03, (byte) 0xE8, (byte) 0xC3, 0x28};
        assertEquals(Outcome.closedWith(1007), outcomeOf(ClientFrame.of(ClientFrame.CLOSE, payload)));
    }

    // ---- The closing handshake (§5.5.1, §7.4) ----

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1000, 1001, 1003, 1007, 1008, 1011, 3000, 4999})
    void aValidCloseCodeIsAnsweredWithACloseFrame(int code) throws IOException {
        try (RawWebSocket raw = openWs()) {
            raw.send(ClientFrame.close(code, "bye"));
            assertEquals(code, raw.awaitCloseCode());
        }
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void anInvalidCloseCodeClosesWith1002(int code) throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.close(code, "")));
    }

    @Test
    void aClosePayloadOfOneByteClosesWith1002() throws IOException {
        assertEquals(Outcome.closedWith(1002), outcomeOf(ClientFrame.of(ClientFrame.CLOSE, new byte[] {0x03})));
    }

    // ---- The message size limit (SPEC §12): refused from the frame headers, before it is buffered ----

    private int closeAfter(String path, ClientFrame... frames) throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(endpoint(path))) {
            raw.send(frames);
            return raw.awaitCloseCode();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rooms", "relay", "rpc"})
    void aBinaryFrameOverTheLimitClosesWith1009(String path) throws IOException {
        assertEquals(1009, closeAfter(path, ClientFrame.binary(LIMIT + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rooms", "relay", "rpc"})
    void aTextFrameOverTheLimitClosesWith1009(String path) throws IOException {
        assertEquals(1009, closeAfter(path, ClientFrame.text("x".repeat(LIMIT + 1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "rooms", "relay", "rpc"})
    void aFragmentedMessageOverTheLimitClosesWith1009(String path) throws IOException {
        int half = LIMIT / 2 + 1;
        assertEquals(1009, closeAfter(path, ClientFrame.binary(half).notFinal(),
                ClientFrame.of(ClientFrame.PING, bytes(1)),
                ClientFrame.of(ClientFrame.CONTINUATION, bytes(half))));
    }

    /** Registers one side of a relay group over a raw socket. */
    private RawWebSocket relayPeer(String group, String type) throws IOException {
        RawWebSocket raw = RawWebSocket.open(target().ws("relay?token="
                + target().minter().device(group + ":" + type, Duration.ofHours(1))));
        raw.sendText(RelayScenarios.init(group, type));
        String ack = raw.nextText();
        assertTrue(ack.contains("init_ack"), ack);
        return raw;
    }

    @Test
    void aRelayPartnerReceivesNothingOfABinaryFrameOverTheLimit() throws IOException {
        String group = "g-" + UUID.randomUUID();
        try (RawWebSocket center = relayPeer(group, "center"); RawWebSocket local = relayPeer(group, "local")) {
            center.send(ClientFrame.binary(LIMIT + 1));
            assertEquals(1009, center.awaitCloseCode());
            RawWebSocket.ServerFrame next;
            do {
                next = local.nextFrame();
            } while (next.opcode() == ClientFrame.PING);
            assertEquals(ClientFrame.TEXT, next.opcode(), "the partner's first frame after the oversize one");
            assertTrue(next.text().contains("disconnect"), next.text());
        }
    }

    @Test
    void aBinaryFrameOfExactlyTheLimitIsRelayed() throws IOException {
        String group = "g-" + UUID.randomUUID();
        try (RawWebSocket center = relayPeer(group, "center"); RawWebSocket local = relayPeer(group, "local")) {
            center.send(ClientFrame.binary(LIMIT));
            RawWebSocket.ServerFrame next;
            do {
                next = local.nextFrame();
            } while (next.opcode() == ClientFrame.PING);
            assertEquals(ClientFrame.BINARY, next.opcode());
            assertEquals(LIMIT, next.payload().length);
        }
    }
}
