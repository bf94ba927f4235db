package io.switchboard.admin;

import java.util.List;

/** {@code ?limit=&offset=} of list resources: 100 items by default, at most 1000 (SPEC §12). */
public record Paging(int limit, int offset) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static Paging parse(String limit, String offset) {
        return new Paging(number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                number("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    <T> List<T> page(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, Math.min(all.size(), offset + limit));
    }

    private static int number(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
