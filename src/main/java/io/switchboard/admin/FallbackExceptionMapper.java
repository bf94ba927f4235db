package io.switchboard.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unexpected: logged here with its stack, answered with a JSON 500 that reveals nothing. */
@Provider
@ApplicationScoped
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        LOG.log(Level.SEVERE, "admin API failure", e);
        return ApiError.response(500, "internal", "internal error");
    }
}
