package io.switchboard.auth;

import io.jsonwebtoken.io.AbstractDeserializer;
import io.jsonwebtoken.io.AbstractSerializer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * jjwt's JSON through JSON-B, so that neither the WAR nor the standalone jar carries Jackson. JWT headers and
 * claims are maps, so a plain {@link Jsonb} (no naming strategy) keeps claim names exactly as written.
 */
final class JwtJson {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private JwtJson() {
    }

    static final class Serializer extends AbstractSerializer<Map<String, ?>> {
        @Override
        protected void doSerialize(Map<String, ?> value, OutputStream out) throws Exception {
            // To a string first: Yasson closes a writer it is given, and jjwt still needs the stream.
            out.write(JSONB.toJson(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    static final class Deserializer extends AbstractDeserializer<Map<String, ?>> {
        @Override
        @SuppressWarnings("unchecked")
        protected Map<String, ?> doDeserialize(Reader reader) {
            return JSONB.fromJson(reader, Map.class);
        }
    }
}
