package io.switchboard.admin;

import io.switchboard.json.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admin API of SPEC §2 and §12. Decode, call {@link AdminOperations}, encode. */
@Path("ws")
@AdminOnly
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    AdminOperations ops;

    @GET
    @Path("online")
    public Response online(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return json(ops.online(Paging.parse(limit, offset)));
    }

    @GET
    @Path("stats")
    public Response stats() {
        return json(ops.stats());
    }

    @POST
    @Path("send")
    public Response send(String body) {
        return json(new AdminViews.Delivered(ops.send(AdminRequests.parse(body, AdminRequests.Send.class))));
    }

    @POST
    @Path("broadcast")
    public Response broadcast(String body) {
        return json(new AdminViews.Delivered(ops.broadcast(
                AdminRequests.parse(body, AdminRequests.Broadcast.class))));
    }

    @POST
    @Path("cleanup")
    public Response cleanup() {
        return json(new AdminViews.Closed(ops.cleanup()));
    }

    @POST
    @Path("revoke")
    public Response revoke(String body) {
        String jti = AdminRequests.parse(body, AdminRequests.Revoke.class).jti();
        return json(new AdminViews.Revoked(jti, ops.revoke(jti)));
    }

    @POST
    @Path("users/{id}/block")
    public Response block(@PathParam("id") String userId) {
        return json(new AdminViews.Blocked(userId, true, ops.block(userId)));
    }

    @DELETE
    @Path("users/{id}/block")
    public Response unblock(@PathParam("id") String userId) {
        ops.unblock(userId);
        return json(new AdminViews.Blocked(userId, false, 0));
    }

    @GET
    @Path("rooms")
    public Response rooms(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return json(ops.rooms(Paging.parse(limit, offset)));
    }

    @GET
    @Path("rooms/{id}")
    public Response room(@PathParam("id") String roomId) {
        return json(ops.room(roomId));
    }

    @GET
    @Path("rooms/{id}/messages")
    public Response roomMessages(@PathParam("id") String roomId, @QueryParam("limit") String limit,
                                 @QueryParam("offset") String offset) {
        return json(ops.roomMessages(roomId, Paging.parse(limit, offset)));
    }

    @GET
    @Path("devices/{id}")
    public Response device(@PathParam("id") String deviceId) {
        return json(ops.device(deviceId));
    }

    static Response json(Object body) {
        return Response.ok(JsonSupport.write(body), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
