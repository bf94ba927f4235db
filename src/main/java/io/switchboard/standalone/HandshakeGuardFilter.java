package io.switchboard.standalone;

import io.switchboard.Endpoints;
import io.switchboard.auth.HandshakeCheck;
import io.switchboard.auth.HandshakeRequest;
import io.switchboard.auth.RefusalBody;
import io.switchboard.auth.TokenCheck;
import io.switchboard.auth.UpgradeRefusal;
import io.switchboard.auth.UpgradeRules;
import io.switchboard.json.JsonSupport;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.memory.Buffers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Refuses bad WebSocket handshakes with a proper HTTP status before Tyrus sees them: 400/426 for a malformed one
 * ({@link UpgradeRules}), 503 when full, then what {@link HandshakeCheck#admit} says: 429 over a limit, 401/403 for
 * the token or Origin. The standalone twin of the WAR's servlet filter. (Tyrus's own way, a HandshakeException
 * from the Configurator, answers "401 Switching Protocols" with upgrade headers and leaves the socket open, which
 * clients handle badly.)
 */
final class HandshakeGuardFilter extends BaseFilter {
    /**
     * Set on a connection once its upgrade request passed. Grizzly hands every later read of an upgraded
     * connection up the chain as content of that same request, so without this mark the token would be verified
     * again on every WebSocket read (≈ 50–90 µs each, docs/performance.md).
     */
    private static final Attribute<Boolean> CHECKED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HandshakeGuardFilter.class.getName() + ".checked");

    private static final Set<String> PATHS = Endpoints.paths();

    private final Supplier<HandshakeCheck> check;
    private final BooleanSupplier hasRoom;
    private volatile HandshakeCheck cachedCheck;

    /**
     * @param hasRoom whether one more connection may open (SWITCHBOARD_MAX_CONNECTIONS, not shutting down): when not,
     *                the upgrade is refused here with 503, before Tyrus builds anything for it
     */
    HandshakeGuardFilter(Supplier<HandshakeCheck> check, BooleanSupplier hasRoom) {
        this.check = check;
        this.hasRoom = hasRoom;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)) {
            return ctx.getInvokeAction();
        }
        if (!UpgradeRules.isAttempt(request.getUpgrade()) || CHECKED.isSet(ctx.getConnection())
                || !PATHS.contains(request.getRequestURI())) {
            return ctx.getInvokeAction();
        }
        HandshakeRequest handshake = new HandshakeRequest(request.getRequestURI(), headers(request),
                HandshakeRequest.parseQuery(request.getQueryString()));
        Optional<UpgradeRefusal> malformed = UpgradeRules.judge(request.getMethod().getMethodString(),
                request.getProtocolString(), handshake);
        if (malformed.isPresent()) {
            refuse(ctx, request, malformed.get());
            return ctx.getStopAction();
        }
        if (!hasRoom.getAsBoolean()) {
            // Full (or stopping): refused cheaply and at once, so a flood at the limit costs little and the
            // process stays clear of its open-files cap (docs/performance.md).
            refuse(ctx, request, 503, JsonSupport.write(new RefusalBody("unavailable", "server full, try again later")));
            return ctx.getStopAction();
        }
        HandshakeCheck handshakeCheck = cachedCheck;
        if (handshakeCheck == null) {
            handshakeCheck = check.get();
            cachedCheck = handshakeCheck;
        }
        TokenCheck result = handshakeCheck.admit(handshake, clientAddress(ctx));
        if (result instanceof TokenCheck.Refused refused) {
            refuse(ctx, request, refused);
            return ctx.getStopAction();
        }
        CHECKED.set(ctx.getConnection(), Boolean.TRUE);
        return ctx.getInvokeAction();
    }

    private static void refuse(FilterChainContext ctx, HttpRequestPacket request, TokenCheck.Refused refused) {
        refuse(ctx, request, HandshakeCheck.httpStatus(refused), RefusalBody.json(refused));
    }

    private static void refuse(FilterChainContext ctx, HttpRequestPacket request, UpgradeRefusal refusal) {
        refusal.headers().forEach(request.getResponse()::setHeader);
        refuse(ctx, request, refusal.status(), refusal.json());
    }

    private static void refuse(FilterChainContext ctx, HttpRequestPacket request, int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        response.setReasonPhrase(reasonPhrase(status));
        // Straight into the headers: Grizzly skips its usual Content-Type handling on a request that asked to upgrade.
        response.getHeaders().setValue("Content-Type").setString("application/json");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        RefusalBody.headers(status).forEach(response::setHeader);
        response.getProcessingState().setKeepAlive(false);
        ctx.write(HttpContent.builder(response)
                .content(Buffers.wrap(ctx.getMemoryManager(), body))
                .last(true)
                .build());
        ctx.flush(null);
        ctx.getConnection().closeWithReason(new IOException("handshake refused"));
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** The TCP peer's address (SWITCHBOARD_HANDSHAKE_RATE counts per address). */
    private static String clientAddress(FilterChainContext ctx) {
        Object peer = ctx.getConnection().getPeerAddress();
        if (peer instanceof InetSocketAddress a) {
            return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        }
        return String.valueOf(peer);
    }

    private static Map<String, List<String>> headers(HttpRequestPacket request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.getHeaders().names()) {
            List<String> values = new ArrayList<>();
            request.getHeaders().values(name).forEach(values::add);
            headers.put(name, values);
        }
        return headers;
    }
}
