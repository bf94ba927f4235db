package io.switchboard.loadtest;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one test measured, mergeable across worker processes: counters (summed; "*_wall_nanos" and
 * "*_at_nanos" take the max, "*_from_nanos" the min), failure causes, unexpected closes, outcomes and histograms.
 */
final class Result {
    final String type;
    final TreeMap<String, Long> counters = new TreeMap<>();
    final TreeMap<String, Long> failures = new TreeMap<>();
    final TreeMap<String, Long> closes = new TreeMap<>();
    final TreeMap<String, Long> outcomes = new TreeMap<>();
    final TreeMap<String, Histogram> histograms = new TreeMap<>();

    Result(String type) {
        this.type = type;
    }

    void add(String counter, long n) {
        counters.merge(counter, n, Long::sum);
    }

    void set(String counter, long n) {
        counters.put(counter, n);
    }

    long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }

    Histogram histogram(String name) {
        return histograms.computeIfAbsent(name, k -> new Histogram());
    }

    void merge(Result o) {
        o.counters.forEach((k, v) -> {
            if (k.endsWith("_wall_nanos") || k.endsWith("_at_nanos")) {
                counters.merge(k, v, Math::max);
            } else if (k.endsWith("_from_nanos")) {
                counters.merge(k, v, Math::min);
            } else {
                counters.merge(k, v, Long::sum);
            }
        });
        o.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
        o.closes.forEach((k, v) -> closes.merge(k, v, Long::sum));
        o.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
        o.histograms.forEach((k, v) -> histogram(k).add(v));
    }

    /** One line for a worker's stdout. */
    String encode() {
        StringBuilder b = new StringBuilder("RESULT ").append(clean(type));
        counters.forEach((k, v) -> b.append("\tc:").append(k).append('=').append(v));
        failures.forEach((k, v) -> b.append("\tf:").append(clean(k)).append('=').append(v));
        closes.forEach((k, v) -> b.append("\tx:").append(clean(k)).append('=').append(v));
        outcomes.forEach((k, v) -> b.append("\to:").append(clean(k)).append('=').append(v));
        histograms.forEach((k, v) -> b.append("\th:").append(k).append('=').append(v.encode()));
        return b.toString();
    }

    static Result decode(String line) {
        String[] parts = line.substring("RESULT ".length()).split("\t");
        Result r = new Result(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.lastIndexOf('=');
            String k = p.substring(2, eq);
            String v = p.substring(eq + 1);
            Map<String, Long> target = switch (p.charAt(0)) {
                case 'c' -> r.counters;
                case 'f' -> r.failures;
                case 'x' -> r.closes;
                case 'o' -> r.outcomes;
                default -> null;
            };
            if (target != null) {
                target.put(k, Long.parseLong(v));
            } else {
                r.histograms.put(k, Histogram.decode(v));
            }
        }
        return r;
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('=', ':');
    }
}
