package io.switchboard.war;

import io.switchboard.Endpoints;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.EnumSet;

/**
 * Puts the {@link HandshakeFilter} in front of every path of the one endpoint list when the WAR starts, so that
 * an endpoint added to {@link Endpoints} is guarded without a second list to keep in step (an annotation's URL
 * patterns would have to be constants).
 */
@WebListener
public class HandshakeFilterRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic filter = event.getServletContext()
                .addFilter("switchboard-handshake", HandshakeFilter.class);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false,
                Endpoints.paths().toArray(String[]::new));
    }
}
