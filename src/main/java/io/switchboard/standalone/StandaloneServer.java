package io.switchboard.standalone;

import io.switchboard.Endpoints;
import io.switchboard.admin.AdminApplication;
import io.switchboard.admin.DevTokens;
import io.switchboard.auth.HandshakeCheck;
import io.switchboard.config.Settings;
import io.switchboard.session.SessionRegistry;
import io.switchboard.session.Shutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.websocket.DeploymentException;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The development server: one Grizzly port serving the WebSocket endpoints (Tyrus), the JAX-RS API (Jersey) and
 * the test page, over one Weld SE container holding the same beans as the WAR. Port 0 picks a free port;
 * {@link #port()} tells which after {@link #start()}. Start and stop are idempotent.
 */
public final class StandaloneServer {
    private static final Logger LOG = Logger.getLogger(StandaloneServer.class.getName());

    private final Settings settings;
    private WeldContainer weld;
    private HttpServer http;
    private EndpointContainer websockets;
    private int port = -1;

    public StandaloneServer(Settings settings) {
        this.settings = settings;
    }

    public synchronized void start() throws IOException {
        if (http != null) {
            return;
        }
        // Only our packages are scanned (the jar holds Jersey, Tyrus and Weld too); with discovery off Weld skips
        // the libraries' CDI extensions as well, so Jersey's are added from the service loader by hand.
        Weld builder = new Weld("switchboard-" + System.identityHashCode(this))
                .disableDiscovery()
                .addPackages(true, io.switchboard.Switchboard.class)
                .addExtension(new SettingsExtension(settings))
                // Main's shutdown hook stops in order (connections, then the store's last writes, then CDI);
                // Weld's own hook would tear CDI down first, concurrently.
                .skipShutdownHook();
        for (Extension extension : ServiceLoader.load(Extension.class)) {
            builder.addExtension(extension);
        }
        weld = builder.initialize();
        try {
            URI base = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
            http = GrizzlyHttpServerFactory.createHttpServer(base,
                    ResourceConfig.forApplicationClass(AdminApplication.class)
                            .property("jersey.config.server.wadl.disableWadl", true), false);
            NetworkListener listener = http.getListeners().iterator().next();
            // WebSocket handlers must not run on the selector threads, and idle WebSockets must stay open
            // (liveness is the heartbeat's business, not Grizzly's keep-alive timer).
            listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
            listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
            websockets = new EndpointContainer(settings.maxMessageBytes());
            // Order matters: the guard must see an upgrade request before Tyrus does.
            WeldContainer beans = weld;
            SessionRegistry registry = beans.select(SessionRegistry.class).get();
            listener.registerAddOn(guardAddOn(() -> beans.select(HandshakeCheck.class).get(),
                    () -> registry.hasRoomFor(1)));
            listener.registerAddOn(webSocketAddOn(websockets));
            // Upgraded connections leave the HTTP chain; one write per receiver for what a read fans out
            // (docs/performance.md).
            listener.registerAddOn(TyrusFilterWrapper.addOn(settings.maxMessageBytes()));
            http.start();
            port = listener.getPort();
            websockets.start("/", port);
        } catch (IOException | RuntimeException | DeploymentException e) {
            stop();
            throw e instanceof IOException io ? io : new IOException("could not start: " + e.getMessage(), e);
        }
        LOG.info("Switchboard listening on " + settings.host() + ":" + port);
    }

    public synchronized int port() {
        return port;
    }

    /**
     * Development mode only (called by {@link Main} when it generated the secret): the tokens {@code GET /dev/tokens}
     * offers to the test page. Package-private so that nothing else can hand tokens out.
     */
    synchronized void offerDevelopmentTokens(List<DevTokens.Token> tokens) {
        weld.select(DevTokens.class).get().offer(tokens);
    }

    /** Orderly stop: connections are closed with 1001 after their queued frames went out. */
    public synchronized void stop() {
        if (weld != null && weld.isRunning()) {
            weld.select(Shutdown.class).get().closeAll(Duration.ofSeconds(5));
        }
        if (websockets != null) {
            websockets.stop();
            websockets = null;
        }
        if (http != null) {
            http.shutdown(2, java.util.concurrent.TimeUnit.SECONDS);
            http = null;
        }
        if (weld != null) {
            weld.shutdown();
            weld = null;
        }
        port = -1;
    }

    private static AddOn guardAddOn(java.util.function.Supplier<HandshakeCheck> check,
                                    java.util.function.BooleanSupplier hasRoom) {
        return (networkListener, chain) -> chain.add(
                chain.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class),
                new HandshakeGuardFilter(check, hasRoom));
    }

    /**
     * Tyrus keeps its Grizzly add-on's constructor package-private and its own container always creates its own
     * HttpServer; reflection is the one way to put Tyrus on Jersey's listener (see docs/architecture.md).
     */
    private static AddOn webSocketAddOn(EndpointContainer container) {
        try {
            var ctor = Class.forName("org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn")
                    .getDeclaredConstructor(org.glassfish.tyrus.spi.ServerContainer.class, String.class);
            ctor.setAccessible(true);
            return (AddOn) ctor.newInstance(container, "/");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Tyrus's Grizzly add-on is not where expected", e);
        }
    }

    /** A Tyrus server container whose engine is served by the add-on on Jersey's Grizzly listener. */
    private static final class EndpointContainer extends TyrusServerContainer {
        private final WebSocketEngine engine;

        EndpointContainer(int maxMessageBytes) {
            // The endpoints of the one list: no servlet container scans for their annotations here.
            super(Endpoints.classes());
            // The engine's read buffer must hold a whole frame plus what the next read brings: Tyrus fails a frame
            // that overflows it with 1011 "Buffer overflow". A message over the limit never gets here: ClientFrames
            // closes it with 1009 from its frame headers. The buffer only grows as frames need it, so the headroom
            // costs idle connections nothing.
            engine = TyrusWebSocketEngine.builder(this).incomingBufferSize((int) Math.min(Integer.MAX_VALUE,
                    Math.max(4L * 1024 * 1024, 4L * maxMessageBytes + 65536))).build();
            // Tyrus gives each new session the default idle timeout, and for 0 schedules an idle check at once (a task
            // per connection, cancelled again when ConnectionSetup sets -1); a negative default schedules nothing.
            setDefaultMaxSessionIdleTimeout(-1);
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "/");
        }

        @Override
        public void register(jakarta.websocket.server.ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "/");
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public java.util.Map<String, Object> getProperties() {
            return java.util.Map.of();
        }
    }
}
