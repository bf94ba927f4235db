package io.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code DATABASE_URL} understood (docs/persistence.md): a JDBC URL as it is, the
 * {@code postgresql://user:pass@host:port/db} form of seed 003 (also {@code postgres://}), the same for
 * {@code mysql://} and {@code mariadb://}, or {@code none} to store nothing. MySQL URLs are served by the MariaDB
 * driver, which speaks to MySQL servers too; {@code jdbc:mysql:} is rewritten to {@code jdbc:mariadb:} for it.
 *
 * @param jdbcUrl empty for {@code none}
 */
public record DatabaseUrl(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password) {

    public static final String NONE = "none";

    public static DatabaseUrl parse(String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals(NONE)) {
            return new DatabaseUrl(Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (lower.startsWith("jdbc:mysql:")) {
            return jdbc("jdbc:mariadb:" + v.substring("jdbc:mysql:".length()));
        }
        if (lower.startsWith("jdbc:") && v.length() > "jdbc:x:".length() && v.indexOf(':', 5) > 5) {
            return jdbc(v);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return fromUri(v, "jdbc:postgresql://");
        }
        if (lower.startsWith("mysql://") || lower.startsWith("mariadb://")) {
            return fromUri(v, "jdbc:mariadb://");
        }
        throw bad("must be a JDBC URL (jdbc:...), postgresql://user:pass@host/db, mysql://user:pass@host/db or "
                + NONE + ", got '" + redact(v) + "'");
    }

    public boolean isNone() {
        return jdbcUrl.isEmpty();
    }

    private static DatabaseUrl jdbc(String url) {
        return new DatabaseUrl(Optional.of(url), Optional.empty(), Optional.empty());
    }

    private static DatabaseUrl fromUri(String v, String jdbcPrefix) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw bad("not a valid URL: " + e.getReason() + " (percent-encode special characters of the password)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad("names no host: '" + redact(v) + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() <= 1) {
            throw bad("names no database (…@host/DATABASE): '" + redact(v) + "'");
        }
        StringBuilder url = new StringBuilder(jdbcPrefix).append(uri.getHost());
        if (uri.getPort() > 0) {
            url.append(':').append(uri.getPort());
        }
        url.append(path);
        if (uri.getRawQuery() != null) {
            url.append('?').append(uri.getRawQuery());
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
        }
        return new DatabaseUrl(Optional.of(url.toString()), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, fit for logs and error messages. */
    public static String redact(String v) {
        return v.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return jdbcUrl.map(DatabaseUrl::redact).orElse(NONE) + user.map(u -> " as " + u).orElse("");
    }

    private static ConfigException bad(String message) {
        return new ConfigException(Settings.DATABASE_URL, message);
    }
}
