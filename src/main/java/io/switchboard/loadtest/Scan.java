package io.switchboard.loadtest;

import java.nio.charset.StandardCharsets;

/**
 * Reads what the tool needs from a received frame without parsing JSON: the tool's own marker inside
 * {@code data.content} and the {@code message_type}. Keeps the load generator cheap, which on 2 cores matters.
 */
final class Scan {
    static final byte[] CONTENT = "\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TYPE = "\"message_type\":\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CODE = "\"code\":\"".getBytes(StandardCharsets.US_ASCII);

    private Scan() {
    }

    static int indexOf(byte[] a, int from, int to, byte[] pat) {
        byte first = pat[0];
        outer:
        for (int i = from, last = to - pat.length; i <= last; i++) {
            if (a[i] != first) {
                continue;
            }
            for (int j = 1; j < pat.length; j++) {
                if (a[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The string value after a key pattern, or null. */
    static String valueAfter(byte[] a, int off, int len, byte[] key) {
        int i = indexOf(a, off, off + len, key);
        if (i < 0) {
            return null;
        }
        int s = i + key.length;
        int e = s;
        while (e < off + len && a[e] != '"') {
            e++;
        }
        return new String(a, s, e - s, StandardCharsets.UTF_8);
    }

    /**
     * The tool's marker {@code K,a,b,c…} in data.content: fills {@code out} with the numbers and returns the kind
     * letter, or 0 when the frame carries no marker (presence, errors, pongs).
     */
    static char marker(byte[] a, int off, int len, long[] out) {
        int i = indexOf(a, off, off + len, CONTENT);
        if (i < 0) {
            return 0;
        }
        int p = i + CONTENT.length;
        int end = off + len;
        if (p + 1 >= end || a[p + 1] != ',') {
            return 0;
        }
        char kind = (char) a[p];
        p += 2;
        for (int k = 0; k < out.length; k++) {
            long v = 0;
            while (p < end && a[p] >= '0' && a[p] <= '9') {
                v = v * 10 + (a[p] - '0');
                p++;
            }
            out[k] = v;
            if (p >= end || a[p] != ',') {
                break;
            }
            p++;
        }
        return kind;
    }
}
