package io.switchboard.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves ./webapp (copied onto the classpath by the build) at {@code /}. JAX-RS owns every path of the
 * application, in the WAR as standalone, so one resource serves the page in all three runtimes.
 */
@Path("/")
@ApplicationScoped
public class PageResource {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{file: [A-Za-z0-9_\\-./]+}")
    public Response file(@PathParam("file") String file) {
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
        if (type == null || file.contains("..") || file.startsWith("/") || file.startsWith("WEB-INF")) {
            throw ApiException.notFound("no such resource");
        }
        InputStream in = PageResource.class.getClassLoader().getResourceAsStream("webapp/" + file);
        if (in == null) {
            throw ApiException.notFound("no such resource");
        }
        try (in) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache").build();
        } catch (IOException e) {
            throw ApiException.notFound("no such resource");
        }
    }
}
