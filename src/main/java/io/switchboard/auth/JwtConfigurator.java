package io.switchboard.auth;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The JWT-validating Configurator of every endpoint. It only gathers the request, asks {@link HandshakeCheck}
 * and records the answer: the principal for {@code @OnOpen}, or a refusal. Where the container lets it (Tyrus,
 * standalone and on Payara) a refusal becomes HTTP 401/403 here; elsewhere the endpoint closes the connection
 * with 1008 before any frame, and in the WAR a servlet filter refuses earlier still.
 *
 * <p>Endpoint instances come from CDI so that their {@code @Inject} fields are filled in every container.
 */
public class JwtConfigurator extends ServerEndpointConfig.Configurator {
    public static final String PRINCIPAL = "switchboard.principal";
    public static final String REFUSAL = "switchboard.refusal";

    // Looked up once per Configurator (one per endpoint and deployment), not once per handshake: a CDI lookup costs
    // more than the rest of the Configurator's work (docs/performance.md).
    private volatile HandshakeCheck handshakeCheck;
    private final java.util.Map<Class<?>, Object> endpoints = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        HandshakeCheck checker = handshakeCheck;
        if (checker == null) {
            checker = CDI.current().select(HandshakeCheck.class).get();
            handshakeCheck = checker;
        }
        var check = checker.check(new io.switchboard.auth.HandshakeRequest(
                config.getPath(), request.getHeaders(), request.getParameterMap()));
        if (check instanceof TokenCheck.Accepted accepted) {
            config.getUserProperties().put(PRINCIPAL, accepted.principal());
        } else {
            TokenCheck.Refused refused = (TokenCheck.Refused) check;
            config.getUserProperties().put(REFUSAL, refused);
            HandshakeRefusal.refuse(HandshakeCheck.httpStatus(refused), refused.message());
        }
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // The Origin rule needs the Host header too, so it is applied in modifyHandshake.
        return true;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        if (!endpointClass.isAnnotationPresent(jakarta.enterprise.context.ApplicationScoped.class)) {
            return CDI.current().select(endpointClass).get();
        }
        // An @ApplicationScoped endpoint's contextual reference (a client proxy) can be kept.
        return endpointClass.cast(endpoints.computeIfAbsent(endpointClass, c -> CDI.current().select(c).get()));
    }
}
