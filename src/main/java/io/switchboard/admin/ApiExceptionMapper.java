package io.switchboard.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
@ApplicationScoped
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        Response r = ApiError.response(e.status(), e.code(), e.getMessage());
        if (e.status() == 401) {
            r.getHeaders().add("WWW-Authenticate", "Bearer");
        }
        return r;
    }
}
