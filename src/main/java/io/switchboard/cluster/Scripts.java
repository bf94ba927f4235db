package io.switchboard.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of the engine (src/main/resources/io/switchboard/cluster/*.lua), run by its SHA-1 and sent whole
 * only when Redis does not know it (first use, or after a Redis restart): each script does its read-decide-write
 * atomically in one round trip.
 */
final class Scripts {
    private final String name;
    private final byte[] body;
    private final String sha;

    private Scripts(String name, byte[] body) {
        this.name = name;
        this.body = body;
        this.sha = sha1(body);
    }

    static Scripts load(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("script " + name + ".lua is not on the classpath");
            }
            return new Scripts(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script; its output is what the script returns (Long, List, byte[]). */
    <T> CompletionStage<T> run(RedisAsyncCommands<byte[], byte[]> redis, ScriptOutputType type, byte[][] keys,
                               byte[]... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.<T>evalsha(sha, type, keys, args).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else if (failure instanceof RedisNoScriptException
                    || failure.getCause() instanceof RedisNoScriptException) {
                redis.<T>eval(body, type, keys, args).whenComplete((v, f) -> {
                    if (f == null) {
                        result.complete(v);
                    } else {
                        result.completeExceptionally(f);
                    }
                });
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String sha1(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(Object redisValue) {
        return redisValue instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(redisValue);
    }
}
