package io.switchboard.auth;

import io.switchboard.testing.FuzzInput;
import io.switchboard.testing.FuzzTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a handshake guard makes of an upgrade request, on arbitrary requests (issue 12): {@link UpgradeRules#judge},
 * the token and query of {@link HandshakeRequest}, and {@link OriginPolicy}. Each gives an answer — never an
 * exception, never a hang. The input is the request head as text ({@code GET /ws?token=… HTTP/1.1}, then
 * {@code Name: value} lines), parsed here loosely so that any bytes make some request; the seed corpus
 * ({@code src/test/resources/io/switchboard/auth/UpgradeFuzzTestInputs/request/}) holds real and broken handshakes.
 */
class UpgradeFuzzTest {
    private static final OriginPolicy SAME_HOST = new OriginPolicy(List.of());
    private static final OriginPolicy LISTED = new OriginPolicy(List.of("https://app.example", "http://localhost:8080/"));

    @FuzzTarget
    void request(byte[] input) {
        for (String text : FuzzInput.texts(input)) {
            String[] lines = text.split("\r?\n", -1);
            String[] requestLine = lines[0].split(" ", 3);
            String method = requestLine[0];
            String target = requestLine.length > 1 ? requestLine[1] : "";
            String protocol = requestLine.length > 2 ? requestLine[2] : null;
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = colon < 0 ? lines[i] : lines[i].substring(0, colon);
                String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim();
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            HandshakeRequest request = new HandshakeRequest(path, headers,
                    HandshakeRequest.parseQuery(query < 0 ? null : target.substring(query + 1)));
            judged(method, protocol, request);
        }
    }

    private static void judged(String method, String protocol, HandshakeRequest request) {
        Optional<UpgradeRefusal> refusal = UpgradeRules.judge(method, protocol, request);
        assertNotNull(refusal);
        refusal.ifPresent(r -> {
            assertTrue(Set.of(400, 426).contains(r.status()), "status " + r.status());
            assertNotNull(r.message());
            assertNotNull(r.headers());
        });
        UpgradeRules.isAttempt(request.header("Upgrade").orElse(null));
        request.token().ifPresent(t -> assertTrue(!t.isBlank(), "a blank token is no token"));
        HandshakeCheck.isUserEndpoint(request.path());
        String origin = request.header("Origin").orElse(null);
        String host = request.header("Host").orElse(null);
        SAME_HOST.allows(origin, host);
        LISTED.allows(origin, host);
    }
}
