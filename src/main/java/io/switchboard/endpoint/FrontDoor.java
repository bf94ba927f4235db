package io.switchboard.endpoint;

import io.switchboard.config.Settings;
import io.switchboard.limits.LimitCounts;
import io.switchboard.session.Channel;
import io.switchboard.session.Closing;
import io.switchboard.session.Connection;
import io.switchboard.session.ConnectionSetup;
import io.switchboard.session.EndpointErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * What every endpoint does with what its container hands it, in one place: accept or close a new session, drop
 * what arrives for a session that was never accepted, mark the connection heard (keepalive), close with 1009 what
 * is over the size limit, drop what is over the rate limit, answer bad input through the hub's own error shape, and
 * keep every failure away from the container. An endpoint class only names its path, codecs and hub, and calls in
 * here from its annotated methods (docs/architecture.md, "How to add an endpoint").
 */
@ApplicationScoped
public class FrontDoor {
    @Inject
    ConnectionSetup connections;
    @Inject
    EndpointErrors errors;
    @Inject
    Settings settings;
    @Inject
    LimitCounts limits;

    public void open(Session session, Channel channel, EndpointHub<?> hub) {
        connections.accept(session, channel).ifPresent(hub::open);
    }

    public <M> void text(Session session, Decoded<M> decoded, EndpointHub<M> hub) {
        Connection c = connections.heard(session).orElse(null);
        if (c == null) {
            return;
        }
        if (!(decoded instanceof Decoded.TooBig<M>) && !c.withinRate(System.nanoTime())) {
            JsonValue id = decoded instanceof Decoded.Message<M> m ? hub.idOf(m.message())
                    : ((Decoded.Bad<M>) decoded).id();
            rateLimited(c, hub, id);
            return;
        }
        if (decoded instanceof Decoded.Message<M> m) {
            hub.handle(c, m.message());
        } else if (decoded instanceof Decoded.Bad<M> bad) {
            hub.refuse(c, bad);
        } else {
            c.close(Closing.TOO_BIG);
        }
    }

    /**
     * Binary messages share the text limit (SPEC §12): the containers are told it, but Tyrus passes an
     * unfragmented binary frame of any size, so it is checked here too, before any hub sees it.
     */
    public void binary(Session session, ByteBuffer data, EndpointHub<?> hub) {
        Connection c = connections.heard(session).orElse(null);
        if (c == null) {
            return;
        }
        if (data.remaining() > settings.maxMessageBytes()) {
            c.close(Closing.TOO_BIG);
            return;
        }
        if (!c.withinRate(System.nanoTime())) {
            rateLimited(c, hub, null);
            return;
        }
        hub.binary(c, data);
    }

    /**
     * A message over SWITCHBOARD_RATE_LIMIT (text or binary, good or bad) is dropped and answered with the
     * endpoint's {@code rate_limited} error, which counts toward the error-rate close (SPEC §13). Frames over the
     * size limit are not counted: they close the connection anyway.
     */
    private <M> void rateLimited(Connection c, EndpointHub<M> hub, JsonValue id) {
        limits.rateLimited();
        hub.refuse(c, new Decoded.Bad<>(BadInput.RATE_LIMITED, "rate limited: more than " + settings.rateLimit()
                + " messages per second (a burst of " + 2 * settings.rateLimit() + "); this message was dropped", id));
    }

    public void pong(Session session, EndpointHub<?> hub) {
        connections.heard(session).ifPresent(hub::pong);
    }

    public void close(Session session, EndpointHub<?> hub) {
        connections.of(session).ifPresent(hub::close);
    }

    public void error(Session session, Throwable failure) {
        errors.handle(connections.of(session), failure);
    }
}
