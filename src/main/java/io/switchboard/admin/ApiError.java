package io.switchboard.admin;

import io.switchboard.json.JsonSupport;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every admin API error: {@code {"error": code, "message": text}}. */
public record ApiError(String error, String message) {

    static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonSupport.write(new ApiError(code, message))).build();
    }
}
