package io.switchboard;

import io.switchboard.session.Channel;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one list of endpoints agrees with the rest: one entry per {@link Channel}, each class serving its channel's
 * path, and no {@code @ServerEndpoint} class outside the list (a container would deploy it unguarded). That every
 * runtime serves exactly these paths is checked against running servers by {@code FrontDoorScenarios}.
 */
class EndpointsTest {

    @Test
    void everyChannelHasOneEndpointServingItsPath() {
        assertEquals(Set.of(Channel.values()),
                Endpoints.ALL.stream().map(Endpoints.Endpoint::channel).collect(Collectors.toSet()));
        assertEquals(Channel.values().length, Endpoints.ALL.size());
        for (Endpoints.Endpoint e : Endpoints.ALL) {
            ServerEndpoint annotation = e.type().getAnnotation(ServerEndpoint.class);
            assertEquals(e.channel().path(), annotation.value(), e.type().getName());
        }
    }

    @Test
    void everyServerEndpointClassIsInTheList() throws IOException, URISyntaxException {
        Path classes = Path.of(Endpoints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<Class<?>> annotated;
        try (Stream<Path> files = Files.walk(classes)) {
            annotated = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(EndpointsTest::load)
                    .filter(c -> c.isAnnotationPresent(ServerEndpoint.class))
                    .collect(Collectors.toSet());
        }
        assertEquals(Endpoints.classes(), annotated, "classes with @ServerEndpoint: "
                + Arrays.toString(annotated.toArray()));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EndpointsTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(name, e);
        }
    }
}
