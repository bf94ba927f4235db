package io.switchboard.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of SPEC §10, validated once. {@link #load} throws a {@link ConfigException} naming the first bad
 * variable, so nothing starts with a half-valid configuration.
 */
public record Settings(
        String host,
        int port,
        Optional<byte[]> jwtSecret,
        Optional<String> jwtPublicKeyPem,
        Optional<String> jwtIssuer,
        Optional<String> jwtAudience,
        Duration jwtClockSkew,
        List<String> allowedOrigins,
        boolean anonymousDevices,
        Optional<String> databaseUrl,
        Optional<String> redisUrl,
        String nodeId,
        String clusterName,
        Duration relayHeartbeatTimeout,
        int maxMessageBytes,
        Duration statusInterval,
        PresenceScope presenceEvents,
        long outboundQueueBytes,
        int maxConnections,
        Optional<String> dataSourceName,
        int storeBuffer,
        Duration storeFlushTimeout,
        TransportChoice transport,
        Duration pingInterval,
        int rateLimit,
        int maxConnectionsPerUser,
        int handshakeRate) {

    public static final String HOST = "SWITCHBOARD_HOST";
    public static final String PORT = "SWITCHBOARD_PORT";
    public static final String JWT_SECRET = "JWT_SECRET";
    public static final String JWT_PUBLIC_KEY_FILE = "JWT_PUBLIC_KEY_FILE";
    public static final String JWT_ISSUER = "JWT_ISSUER";
    public static final String JWT_AUDIENCE = "JWT_AUDIENCE";
    public static final String JWT_CLOCK_SKEW = "JWT_CLOCK_SKEW";
    public static final String ALLOWED_ORIGINS = "SWITCHBOARD_ALLOWED_ORIGINS";
    public static final String ANONYMOUS_DEVICES = "SWITCHBOARD_ANONYMOUS_DEVICES";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String NODE_ID = "SWITCHBOARD_NODE_ID";
    public static final String CLUSTER = "SWITCHBOARD_CLUSTER";
    public static final String RELAY_HEARTBEAT_TIMEOUT = "RELAY_HEARTBEAT_TIMEOUT";
    public static final String MAX_MESSAGE_BYTES = "SWITCHBOARD_MAX_MESSAGE_BYTES";
    public static final String STATUS_INTERVAL = "SWITCHBOARD_STATUS_INTERVAL";
    public static final String PRESENCE_EVENTS = "SWITCHBOARD_PRESENCE_EVENTS";
    /** The bound of a connection's unsent frames, in bytes: a size ({@code 1048576}, {@code 512KiB}, {@code 1MiB}). */
    public static final String OUTBOUND_QUEUE_BYTES = "SWITCHBOARD_OUTBOUND_QUEUE_BYTES";
    /**
     * The old bound, in frames: no longer read. Set, it stops start-up, so that nobody runs with a limit they tuned
     * silently replaced (a frame may be 20 bytes or 64 KiB: no number of frames says how many bytes).
     */
    public static final String REMOVED_OUTBOUND_QUEUE = "SWITCHBOARD_OUTBOUND_QUEUE";
    public static final String MAX_CONNECTIONS = "SWITCHBOARD_MAX_CONNECTIONS";
    public static final String DATASOURCE = "SWITCHBOARD_DATASOURCE";
    public static final String STORE_BUFFER = "SWITCHBOARD_STORE_BUFFER";
    public static final String STORE_FLUSH_TIMEOUT = "SWITCHBOARD_STORE_FLUSH_TIMEOUT";
    /** {@code auto} (raw frames where the container is Tyrus) or {@code portable} (the WebSocket API only). */
    public static final String TRANSPORT = "SWITCHBOARD_TRANSPORT";
    /** Keepalive: a WebSocket ping after this much silence, a close after twice as much; {@code 0} or {@code off}. */
    public static final String PING_INTERVAL = "SWITCHBOARD_PING_INTERVAL";
    /** Messages per second per connection (a token bucket with a burst of twice that); {@code off}. */
    public static final String RATE_LIMIT = "SWITCHBOARD_RATE_LIMIT";
    /** A user's open {@code /ws} connections, cluster-wide; {@code off}. */
    public static final String MAX_CONNECTIONS_PER_USER = "SWITCHBOARD_MAX_CONNECTIONS_PER_USER";
    /** WebSocket handshakes per second per client address; {@code off}. */
    public static final String HANDSHAKE_RATE = "SWITCHBOARD_HANDSHAKE_RATE";

    public static final int DEFAULT_RATE_LIMIT = 100;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 16;
    public static final int DEFAULT_HANDSHAKE_RATE = 50;
    /** What a limit that is switched off ({@code off} or {@code 0}) reads as. */
    public static final int OFF = 0;

    /** HS256 needs a 256-bit key (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    public static Settings load(ConfigSource src) {
        Optional<byte[]> secret = src.get(JWT_SECRET).map(s -> s.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent() && secret.get().length < MIN_SECRET_BYTES) {
            throw new ConfigException(JWT_SECRET, "must be at least " + MIN_SECRET_BYTES + " bytes (UTF-8), got "
                    + secret.get().length);
        }
        Optional<String> publicKey = src.get(JWT_PUBLIC_KEY_FILE).map(Settings::readKeyFile);
        if (secret.isPresent() && publicKey.isPresent()) {
            throw new ConfigException(JWT_PUBLIC_KEY_FILE, "set either JWT_SECRET or JWT_PUBLIC_KEY_FILE, not both");
        }
        if (src.get(REMOVED_OUTBOUND_QUEUE).isPresent()) {
            throw new ConfigException(REMOVED_OUTBOUND_QUEUE, "no longer supported: the outbound bound is in bytes now; "
                    + "set " + OUTBOUND_QUEUE_BYTES + " instead (default 1MiB)");
        }
        return new Settings(
                src.get(HOST).orElse("0.0.0.0"),
                intIn(src, PORT, 8080, 0, 65535),
                secret,
                publicKey,
                src.get(JWT_ISSUER),
                src.get(JWT_AUDIENCE),
                Duration.ofSeconds(intIn(src, JWT_CLOCK_SKEW, 30, 0, 3600)),
                src.get(ALLOWED_ORIGINS).map(Settings::commaList).orElse(List.of()),
                bool(src, ANONYMOUS_DEVICES, false),
                src.get(DATABASE_URL).map(Settings::databaseUrl),
                src.get(REDIS_URL).map(Settings::redisUrl),
                name(src, NODE_ID).orElseGet(Settings::defaultNodeId),
                name(src, CLUSTER).orElse("switchboard"),
                seconds(src, RELAY_HEARTBEAT_TIMEOUT, 30),
                intIn(src, MAX_MESSAGE_BYTES, 65536, 256, 16 * 1024 * 1024),
                seconds(src, STATUS_INTERVAL, 60),
                enumOf(src, PRESENCE_EVENTS, PresenceScope.GLOBAL),
                size(src, OUTBOUND_QUEUE_BYTES, MIB, KIB, 1024 * MIB),
                intIn(src, MAX_CONNECTIONS, 19_000, 1, 10_000_000),
                src.get(DATASOURCE),
                intIn(src, STORE_BUFFER, 100_000, 100, 10_000_000),
                seconds(src, STORE_FLUSH_TIMEOUT, 10),
                enumOf(src, TRANSPORT, TransportChoice.AUTO),
                secondsOrOff(src, PING_INTERVAL, 30),
                limitOrOff(src, RATE_LIMIT, DEFAULT_RATE_LIMIT, 100_000),
                limitOrOff(src, MAX_CONNECTIONS_PER_USER, DEFAULT_MAX_CONNECTIONS_PER_USER, 100_000),
                limitOrOff(src, HANDSHAKE_RATE, DEFAULT_HANDSHAKE_RATE, 100_000));
    }

    /** Whether the keepalive is on ({@link #PING_INTERVAL} not 0). */
    public boolean pingsIdleConnections() {
        return !pingInterval.isZero();
    }

    public boolean hasJwtKey() {
        return jwtSecret.isPresent() || jwtPublicKeyPem.isPresent();
    }

    /** A copy with a different secret (the standalone development mode generates one). */
    public Settings withDevelopmentSecret(byte[] secret) {
        return new Settings(host, port, Optional.of(secret), Optional.empty(), jwtIssuer, jwtAudience, jwtClockSkew,
                allowedOrigins, true, databaseUrl, redisUrl, nodeId, clusterName, relayHeartbeatTimeout, maxMessageBytes, statusInterval,
                presenceEvents, outboundQueueBytes, maxConnections, dataSourceName, storeBuffer, storeFlushTimeout,
                transport, pingInterval, rateLimit, maxConnectionsPerUser, handshakeRate);
    }

    /** A whole number from 1 to {@code max}, or {@code off} / {@code 0} for no limit ({@link #OFF}). */
    private static int limitOrOff(ConfigSource src, String name, int dflt, int max) {
        return src.get(name).map(v -> {
            if (v.equalsIgnoreCase("off")) {
                return OFF;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 0 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below, with the same message
            }
            throw new ConfigException(name, "must be a whole number from 1 to " + max + ", or off, got '" + v + "'");
        }).orElse(dflt);
    }

    private static int intIn(ConfigSource src, String name, int dflt, int min, int max) {
        return src.get(name).map(v -> {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "not a whole number: '" + v + "'");
            }
            if (n < min || n > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        }).orElse(dflt);
    }

    /** Seconds as a whole number, or with a unit suffix: {@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}. */
    private static Duration seconds(ConfigSource src, String name, int dflt) {
        return src.get(name).map(v -> parseDuration(name, v)).orElse(Duration.ofSeconds(dflt));
    }

    /** Like {@link #seconds}, where {@code 0} or {@code off} switches the feature off ({@link Duration#ZERO}). */
    private static Duration secondsOrOff(ConfigSource src, String name, int dflt) {
        return src.get(name).map(v -> {
            if (v.equals("0") || v.equalsIgnoreCase("off")) {
                return Duration.ZERO;
            }
            Duration d = parseDuration(name, v);
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new ConfigException(name, "must be at least 1s (or 0 / off), got '" + v + "'");
            }
            return d;
        }).orElse(Duration.ofSeconds(dflt));
    }

    static Duration parseDuration(String name, String v) {
        String s = v.toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(s));
            }
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(name, "must be positive, got '" + v + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "not a duration (e.g. 30, 30s, 500ms, 2m): '" + v + "'");
        }
    }

    private static long size(ConfigSource src, String name, long dflt, long min, long max) {
        return src.get(name).map(v -> {
            long n = parseSize(name, v);
            if (n < min || n > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + " bytes, got '" + v + "'");
            }
            return n;
        }).orElse(dflt);
    }

    /**
     * Bytes, plain or with a binary unit: {@code 65536}, {@code 512KiB}, {@code 1MiB}, {@code 1GiB}. Decimal units
     * ({@code MB}) are refused rather than guessed at.
     */
    static long parseSize(String name, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("kib") || s.endsWith("mib") || s.endsWith("gib")) {
            unit = switch (s.charAt(s.length() - 3)) {
                case 'k' -> KIB;
                case 'm' -> MIB;
                default -> 1024 * MIB;
            };
            s = s.substring(0, s.length() - 3).trim();
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(name, "not a size in bytes (e.g. 1048576, 512KiB, 1MiB): '" + v + "'");
        }
    }

    private static boolean bool(ConfigSource src, String name, boolean dflt) {
        return src.get(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name, "must be true or false, got '" + v + "'");
        }).orElse(dflt);
    }

    private static <E extends Enum<E>> E enumOf(ConfigSource src, String name, E dflt) {
        Function<String, E> parse = v -> {
            for (E e : dflt.getDeclaringClass().getEnumConstants()) {
                if (e.name().equalsIgnoreCase(v)) {
                    return e;
                }
            }
            throw new ConfigException(name, "must be one of " + Arrays.toString(
                    dflt.getDeclaringClass().getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + v + "'");
        };
        return src.get(name).map(parse).orElse(dflt);
    }

    private static List<String> commaList(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String readKeyFile(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (Exception e) {
            throw new ConfigException(JWT_PUBLIC_KEY_FILE, "cannot read '" + path + "': " + e.getMessage());
        }
    }

    private static String databaseUrl(String v) {
        DatabaseUrl.parse(v);
        return v;
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** A node or cluster name: it ends up in Redis keys, channel names and connection ids. */
    private static Optional<String> name(ConfigSource src, String variable) {
        return src.get(variable).map(v -> {
            if (!NAME.matcher(v).matches()) {
                throw new ConfigException(variable, "1-64 characters of letters, digits, '_', '.', '-', got '" + v
                        + "'");
            }
            return v;
        });
    }

    /** The host name plus a random suffix: two processes on one host are two nodes. */
    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9_.-]", "-");
        if (host.length() > 50) {
            host = host.substring(0, 50);
        }
        return host + "-" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36,
                36L * 36 * 36 * 36 * 36), 36);
    }

    /** Whether this node is a member of a cluster (REDIS_URL set). */
    public boolean clustered() {
        return redisUrl.isPresent();
    }

    private static String redisUrl(String v) {
        if (!v.startsWith("redis://") && !v.startsWith("rediss://")) {
            throw new ConfigException(REDIS_URL, "must start with redis:// or rediss://, got '" + v + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", jwt=" + (jwtSecret.isPresent() ? "HS256 secret"
                : jwtPublicKeyPem.isPresent() ? "public key" : "none") + ", anonymousDevices=" + anonymousDevices
                + ", presence=" + presenceEvents + "]";
    }
}
