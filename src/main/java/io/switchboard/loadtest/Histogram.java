package io.switchboard.loadtest;

import java.util.Arrays;
import java.util.Locale;

/**
 * A log-linear histogram of microseconds (about 3% resolution, exact below 64 µs) that merges across worker
 * processes: the same idea as HdrHistogram, small enough to carry no dependency.
 */
final class Histogram {
    private static final int SUB = 32;
    private long[] counts = new long[64 + 40 * SUB];
    private long total;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    void add(Histogram o) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        total += o.total;
        max = Math.max(max, o.max);
    }

    /** The value at a percentile (0–100), as the middle of its bucket; 0 when empty. */
    long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * p / 100.0));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long lo = lowerBound(i);
                long hi = i + 1 < counts.length ? lowerBound(i + 1) : lo;
                return Math.min(max, (lo + hi) / 2);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < 64) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (e - 5)) & (SUB - 1);
        return Math.min(64 + (e - 6) * SUB + sub, 64 + 40 * SUB - 1);
    }

    static long lowerBound(int i) {
        if (i < 64) {
            return i;
        }
        int e = (i - 64) / SUB + 6;
        int sub = (i - 64) % SUB;
        return (long) (SUB + sub) << (e - 5);
    }

    /** Sparse "index:count,…" form for worker output. */
    String encode() {
        StringBuilder b = new StringBuilder();
        b.append(max);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                b.append(',').append(i).append(':').append(counts[i]);
            }
        }
        return b.toString();
    }

    static Histogram decode(String s) {
        Histogram h = new Histogram();
        String[] parts = s.split(",");
        h.max = Long.parseLong(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int c = parts[i].indexOf(':');
            long n = Long.parseLong(parts[i].substring(c + 1));
            h.counts[Integer.parseInt(parts[i].substring(0, c))] = n;
            h.total += n;
        }
        return h;
    }

    /** p50/p95/p99/max in milliseconds, for the report. */
    String summaryMillis() {
        if (total == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s  max %s ms", ms(percentile(50)),
                ms(percentile(95)), ms(percentile(99)), ms(max));
    }

    static String ms(long micros) {
        return micros < 10_000 ? String.format(Locale.ROOT, "%.2f", micros / 1000.0)
                : String.format(Locale.ROOT, "%.0f", micros / 1000.0);
    }

    void json(Json.Obj o) {
        o.num("count", total).num("p50_ms", percentile(50) / 1000.0).num("p95_ms", percentile(95) / 1000.0)
                .num("p99_ms", percentile(99) / 1000.0).num("max_ms", max / 1000.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
