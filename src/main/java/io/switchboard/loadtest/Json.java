package io.switchboard.loadtest;

import java.util.Locale;

/** A tiny JSON writer for the report ({@code --json}); the tool's output needs no binding library. */
final class Json {
    private Json() {
    }

    static Obj obj() {
        return new Obj();
    }

    static final class Obj {
        private final StringBuilder b = new StringBuilder("{");
        private boolean first = true;

        private Obj key(String k) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(k).append("\":");
            return this;
        }

        Obj str(String k, String v) {
            key(k);
            if (v == null) {
                b.append("null");
            } else {
                quote(b, v);
            }
            return this;
        }

        Obj num(String k, double v) {
            key(k);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                b.append("null");
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                b.append((long) v);
            } else {
                b.append(String.format(Locale.ROOT, "%.4f", v));
            }
            return this;
        }

        Obj bool(String k, boolean v) {
            key(k).b.append(v);
            return this;
        }

        Obj raw(String k, String json) {
            key(k).b.append(json);
            return this;
        }

        Obj obj(String k, Obj v) {
            return raw(k, v.toString());
        }

        @Override
        public String toString() {
            return b + "}";
        }
    }

    static String array(Iterable<?> items) {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (Object o : items) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(o);
        }
        return b.append(']').toString();
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
