package io.switchboard.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * The JAX-RS application: admin API, health, and the test page. Classes are listed, not scanned, so that
 * Jersey (standalone, Payara) and RESTEasy (WildFly) serve exactly the same set.
 */
@ApplicationPath("/")
public class AdminApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AdminResource.class, HealthResource.class, PageResource.class, DevTokenResource.class,
                AdminAuthFilter.class,
                ApiExceptionMapper.class, WebApplicationExceptionMapper.class, FallbackExceptionMapper.class);
    }
}
