package io.switchboard.admin;

import io.switchboard.json.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code GET /dev/tokens}: the development mode's user tokens, for the test page's picker (docs/test-page.md).
 * 404 whenever the development mode did not offer any, i.e. always when a JWT key is configured.
 */
@Path("dev/tokens")
@ApplicationScoped
public class DevTokenResource {
    @Inject
    DevTokens tokens;

    public record Listing(List<DevTokens.Token> tokens) {
    }

    @GET
    public Response list() {
        List<DevTokens.Token> offered = tokens.list();
        if (offered.isEmpty()) {
            throw ApiException.notFound("no development tokens: the server is not in development mode");
        }
        return Response.ok(JsonSupport.write(new Listing(offered)), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").build();
    }
}
