package io.switchboard.endpoint;

import io.switchboard.json.StrictJson;
import io.switchboard.session.MessageSize;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one decoder of every endpoint's text frames: the size limit first, then strict JSON into the endpoint's wire
 * record ({@link StrictJson}), then the endpoint's own reading of that record. Never throws; stateless (the
 * container may share an instance between connections). An endpoint subclasses it with its wire record and its
 * {@link #interpret} and names the subclass in {@code @ServerEndpoint(decoders = ...)}.
 *
 * @param <W> the wire record the JSON is bound to
 * @param <M> the endpoint's message type
 */
public abstract class GuardedDecoder<W extends Record, M> implements Decoder.Text<Decoded<M>> {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(?:\"([^\"\\\\]{1,200})\"|(-?\\d{1,18})\\b)");

    private final Class<W> wire;
    private int limit = Integer.MAX_VALUE;

    protected GuardedDecoder(Class<W> wire) {
        this.wire = wire;
    }

    @Override
    public void init(EndpointConfig config) {
        limit = MessageSize.limit();
    }

    @Override
    public final Decoded<M> decode(String text) {
        if (MessageSize.exceeds(text, limit)) {
            return new Decoded.TooBig<>();
        }
        W w;
        try {
            w = StrictJson.read(text, wire);
        } catch (StrictJson.Refused refused) {
            return refused.isSyntaxError()
                    ? new Decoded.Bad<>(BadInput.SYNTAX, "not valid JSON", sniffId(text))
                    : new Decoded.Bad<>(BadInput.SHAPE, shapeError(refused.getMessage()), sniffId(text));
        }
        return interpret(w, text);
    }

    /** What the endpoint makes of a well-formed wire record ({@code text} is the frame it came in). */
    protected abstract Decoded<M> interpret(W wire, String text);

    /** The error message for JSON of the wrong shape; {@code detail} says what was wrong. */
    protected abstract String shapeError(String detail);

    protected static <M> Decoded<M> message(M m) {
        return new Decoded.Message<>(m);
    }

    protected static <M> Decoded<M> invalid(String reason, JsonValue id) {
        return new Decoded.Bad<>(BadInput.INVALID, reason, id);
    }

    protected static <M> Decoded<M> unknownType(String reason, JsonValue id) {
        return new Decoded.Bad<>(BadInput.UNKNOWN_TYPE, reason, id);
    }

    protected static JsonValue idOf(String id) {
        return id == null ? null : Json.createValue(id);
    }

    @Override
    public boolean willDecode(String s) {
        // Always decode: a false here would drop the frame silently instead of answering with an error.
        return true;
    }

    /** The offending message's id, for the error that answers it, where a glance at the text finds one. */
    private static JsonValue sniffId(String text) {
        Matcher m = ID.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? Json.createValue(m.group(1)) : Json.createValue(new BigDecimal(m.group(2)));
    }
}
