package io.switchboard.testing;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Admin API calls with the JDK's HTTP client. */
public final class Http {
    // HTTP/1.1: Grizzly (standalone) never answers a request that has a body and offers an h2c upgrade, which the
    // JDK client does by default (docs/operations.md, known limitations).
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, String body) {
        public JsonObject json() {
            return WsClient.parse(body);
        }
    }

    private Http() {
    }

    public static Reply get(URI uri, String token) {
        return call(request(uri, token).GET());
    }

    public static Reply post(URI uri, String token, String body) {
        return call(request(uri, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static Reply delete(URI uri, String token) {
        return call(request(uri, token).DELETE());
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Reply call(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
