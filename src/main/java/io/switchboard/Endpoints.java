package io.switchboard;

import io.switchboard.devices.DeviceEndpoint;
import io.switchboard.relay.RelayEndpoint;
import io.switchboard.rpc.RpcEndpoint;
import io.switchboard.session.Channel;
import io.switchboard.ws.UserEndpoint;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one list of WebSocket endpoints. The standalone server deploys these classes (a servlet container finds
 * them by their annotation), and the handshake guards of both runtimes stand in front of these paths. Adding an
 * endpoint: docs/architecture.md, "How to add an endpoint"; {@code EndpointsTest} checks that this list, the
 * {@link Channel}s and the {@code @ServerEndpoint} classes agree, and the scenario tests that every runtime serves
 * exactly these paths.
 */
public final class Endpoints {

    /** An endpoint class and the channel (path, label) it serves. */
    public record Endpoint(Channel channel, Class<?> type) {
    }

    public static final List<Endpoint> ALL = List.of(
            new Endpoint(Channel.WS, UserEndpoint.class),
            new Endpoint(Channel.ROOMS, DeviceEndpoint.class),
            new Endpoint(Channel.RELAY, RelayEndpoint.class),
            new Endpoint(Channel.RPC, RpcEndpoint.class));

    private Endpoints() {
    }

    public static Set<Class<?>> classes() {
        return ALL.stream().map(Endpoint::type).collect(Collectors.toUnmodifiableSet());
    }

    /** The paths within the application ({@code /ws}, ...), for the handshake guards. */
    public static Set<String> paths() {
        return ALL.stream().map(e -> e.channel().path()).collect(Collectors.toUnmodifiableSet());
    }
}
