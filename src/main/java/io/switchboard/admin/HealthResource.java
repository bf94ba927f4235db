package io.switchboard.admin;

import io.switchboard.session.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;

/** {@code GET /health}: open to probes; 503 once the server has begun shutting down. */
@Path("health")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    @Inject
    SessionRegistry registry;
    @Inject
    io.switchboard.routing.Router router;
    @Inject
    io.switchboard.store.Store store;

    @GET
    public Response health() {
        boolean up = registry.isAccepting();
        var body = new AdminViews.Health(up ? "UP" : "DOWN", registry.count(),
                Duration.between(registry.startedAt(), Instant.now()).toSeconds(),
                java.util.Map.of("bus", router.busState(), "database", store.stats().buffer().state()));
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(io.switchboard.json.JsonSupport.write(body)).build();
    }
}
