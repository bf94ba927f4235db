package io.switchboard.war;

import io.switchboard.auth.HandshakeCheck;
import io.switchboard.auth.HandshakeRequest;
import io.switchboard.auth.RefusalBody;
import io.switchboard.auth.TokenCheck;
import io.switchboard.auth.UpgradeRefusal;
import io.switchboard.auth.UpgradeRules;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses bad WebSocket handshakes in the WAR with a proper HTTP status before the container's WebSocket
 * implementation sees them: 400/426 for a malformed one ({@link UpgradeRules}: neither Undertow nor Payara's Tyrus
 * enforces RFC 6455 §4.2.1 fully), then what {@link HandshakeCheck#admit} says: 429 over a limit (SPEC §13), 401
 * (403 for a foreign Origin) for the token (SPEC §12): Undertow has no
 * way for a Configurator to answer 401, and Tyrus's way leaves the socket open. The twin of the standalone server's Grizzly guard; both ask the
 * same {@link HandshakeCheck} and answer with the same {@link RefusalBody}. The Configurator checks again
 * (second line), so an accepted request still carries its principal to {@code @OnOpen}.
 *
 * <p>Only upgrade requests are looked at: a plain GET of {@code /ws/...} belongs to the admin API. Mapped to the
 * paths of {@link io.switchboard.Endpoints} by {@link HandshakeFilterRegistration}.
 */
public class HandshakeFilter extends HttpFilter {
    @Inject
    HandshakeCheck check;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!UpgradeRules.isAttempt(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        HandshakeRequest handshake = new HandshakeRequest(pathInApplication(request), headers(request),
                HandshakeRequest.parseQuery(request.getQueryString()));
        Optional<UpgradeRefusal> malformed = UpgradeRules.judge(request.getMethod(), request.getProtocol(), handshake);
        if (malformed.isPresent()) {
            malformed.get().headers().forEach(response::setHeader);
            refuse(response, malformed.get().status(), malformed.get().json());
            return;
        }
        TokenCheck result = check.admit(handshake, request.getRemoteAddr());
        if (result instanceof TokenCheck.Refused refused) {
            refuse(response, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    /** {@code /ws} whatever the context path and servlet mapping (JAX-RS owns {@code /*}: no servlet path). */
    private static String pathInApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int params = uri.indexOf(';');
        if (params >= 0) {
            uri = uri.substring(0, params);
        }
        return uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    }

    private static void refuse(HttpServletResponse response, TokenCheck.Refused refused) throws IOException {
        refuse(response, HandshakeCheck.httpStatus(refused), RefusalBody.json(refused));
    }

    private static void refuse(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        RefusalBody.headers(status).forEach(response::setHeader);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
