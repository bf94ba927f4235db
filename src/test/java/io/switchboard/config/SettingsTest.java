package io.switchboard.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void defaultsFollowTheSpec() {
        Settings s = Settings.load(ConfigSource.of(Map.of()));
        assertEquals("0.0.0.0", s.host());
        assertEquals(8080, s.port());
        assertEquals(65536, s.maxMessageBytes());
        assertEquals(Duration.ofSeconds(30), s.jwtClockSkew());
        assertEquals(Duration.ofSeconds(30), s.relayHeartbeatTimeout());
        assertEquals(Duration.ofSeconds(60), s.statusInterval());
        assertEquals(PresenceScope.GLOBAL, s.presenceEvents());
        assertFalse(s.anonymousDevices());
        assertFalse(s.hasJwtKey());
        assertEquals(Duration.ofSeconds(30), s.pingInterval());
        assertEquals(1024 * 1024, s.outboundQueueBytes());
        assertEquals(100, s.rateLimit());
        assertEquals(16, s.maxConnectionsPerUser());
        assertEquals(50, s.handshakeRate());
    }

    @ParameterizedTest(name = "{0}={1} switches the limit off")
    @CsvSource({"SWITCHBOARD_RATE_LIMIT,off", "SWITCHBOARD_RATE_LIMIT,0", "SWITCHBOARD_MAX_CONNECTIONS_PER_USER,OFF",
        "SWITCHBOARD_HANDSHAKE_RATE,off"})
    void aLimitCanBeSwitchedOff(String variable, String value) {
        Settings s = Settings.load(ConfigSource.of(Map.of(variable, value)));
        int limit = switch (variable) {
            case Settings.RATE_LIMIT -> s.rateLimit();
            case Settings.MAX_CONNECTIONS_PER_USER -> s.maxConnectionsPerUser();
            default -> s.handshakeRate();
        };
        assertEquals(Settings.OFF, limit);
    }

    @Test
    void limitsTakeWholeNumbers() {
        Settings s = Settings.load(ConfigSource.of(Map.of(Settings.RATE_LIMIT, "5",
                Settings.MAX_CONNECTIONS_PER_USER, "1", Settings.HANDSHAKE_RATE, "2000")));
        assertEquals(5, s.rateLimit());
        assertEquals(1, s.maxConnectionsPerUser());
        assertEquals(2000, s.handshakeRate());
    }

    @ParameterizedTest(name = "SWITCHBOARD_OUTBOUND_QUEUE_BYTES={0} is {1} bytes")
    @CsvSource({"1048576,1048576", "512KiB,524288", "1MiB,1048576", "1mib,1048576", "2 MiB,2097152",
        "1GiB,1073741824", "4096,4096"})
    void theOutboundBoundTakesSizes(String value, long bytes) {
        assertEquals(bytes, Settings.load(ConfigSource.of(Map.of(Settings.OUTBOUND_QUEUE_BYTES, value)))
                .outboundQueueBytes());
    }

    @Test
    void theOldFrameCountBoundStopsStartUpNamingItsReplacement() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(ConfigSource.of(Map.of(
                "SWITCHBOARD_OUTBOUND_QUEUE", "1024"))));
        assertEquals("SWITCHBOARD_OUTBOUND_QUEUE", e.variable());
        assertTrue(e.getMessage().contains(Settings.OUTBOUND_QUEUE_BYTES), e.getMessage());
    }

    @ParameterizedTest(name = "SWITCHBOARD_PING_INTERVAL={0} switches the keepalive off")
    @CsvSource({"0", "off", "OFF"})
    void theKeepaliveCanBeSwitchedOff(String value) {
        Settings s = Settings.load(ConfigSource.of(Map.of(Settings.PING_INTERVAL, value)));
        assertFalse(s.pingsIdleConnections());
        assertEquals(Duration.ZERO, s.pingInterval());
    }

    @ParameterizedTest(name = "{0}={1} is refused, naming the variable")
    @CsvSource({
        "SWITCHBOARD_PORT,abc", "SWITCHBOARD_PORT,70000", "JWT_SECRET,too-short",
        "JWT_CLOCK_SKEW,-1", "SWITCHBOARD_ANONYMOUS_DEVICES,maybe", "REDIS_URL,http://localhost",
        "RELAY_HEARTBEAT_TIMEOUT,0", "RELAY_HEARTBEAT_TIMEOUT,soon", "SWITCHBOARD_MAX_MESSAGE_BYTES,12",
        "SWITCHBOARD_STATUS_INTERVAL,-5", "SWITCHBOARD_PRESENCE_EVENTS,everyone", "JWT_PUBLIC_KEY_FILE,/no/such/file.pem",
        "SWITCHBOARD_OUTBOUND_QUEUE,0", "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,0", "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,1MB",
        "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,lots", "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,-1",
        "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,2GiB", "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,1023",
        "SWITCHBOARD_OUTBOUND_QUEUE_BYTES,99999999999999GiB", "SWITCHBOARD_MAX_CONNECTIONS,x", "SWITCHBOARD_PING_INTERVAL,500ms",
        "SWITCHBOARD_PING_INTERVAL,never", "SWITCHBOARD_PING_INTERVAL,-1", "SWITCHBOARD_RATE_LIMIT,fast",
        "SWITCHBOARD_RATE_LIMIT,-1", "SWITCHBOARD_RATE_LIMIT,2.5", "SWITCHBOARD_RATE_LIMIT,100001",
        "SWITCHBOARD_MAX_CONNECTIONS_PER_USER,many", "SWITCHBOARD_MAX_CONNECTIONS_PER_USER,-16",
        "SWITCHBOARD_HANDSHAKE_RATE,none", "SWITCHBOARD_HANDSHAKE_RATE,50/s"})
    void aBadValueStopsStartUpNamingTheVariable(String variable, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(ConfigSource.of(Map.of(variable, value))));
        assertEquals(variable, e.variable());
        assertTrue(e.getMessage().startsWith(variable + ": "), e.getMessage());
    }

    @Test
    void durationsTakeUnits() {
        Settings s = Settings.load(ConfigSource.of(Map.of("RELAY_HEARTBEAT_TIMEOUT", "500ms",
                "SWITCHBOARD_STATUS_INTERVAL", "2m", "SWITCHBOARD_PRESENCE_EVENTS", "Rooms")));
        assertEquals(Duration.ofMillis(500), s.relayHeartbeatTimeout());
        assertEquals(Duration.ofMinutes(2), s.statusInterval());
        assertEquals(PresenceScope.ROOMS, s.presenceEvents());
    }

    @Test
    void systemPropertyNamesMapToVariables() {
        assertEquals("SWITCHBOARD_MAX_MESSAGE_BYTES", ConfigSource.toVariableName("switchboard.max.message.bytes"));
        assertEquals("JWT_SECRET", ConfigSource.toVariableName("jwt.secret"));
    }

    @Test
    void aSecretAndAPublicKeyTogetherAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(ConfigSource.of(Map.of(
                "JWT_SECRET", "x".repeat(40), "JWT_PUBLIC_KEY_FILE", "/etc/hostname"))));
        assertEquals("JWT_PUBLIC_KEY_FILE", e.variable());
    }
}
