package io.ipfskit.codec.ipld;

import io.ipfskit.multiformats.Cid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Writes data-model values as dag-json: sorted keys, no whitespace, strings escaped as JSON.stringify does. */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    void write(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(number(d));
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof byte[] bytes) {
            out.append("{\"/\":{\"bytes\":");
            string(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            out.append("}}");
        } else if (value instanceof Cid cid) {
            out.append("{\"/\":");
            string(cid.toString());
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            map(map);
        } else {
            throw new IllegalArgumentException("not an IPLD data-model value: " + value.getClass().getName());
        }
    }

    /** A map with its keys in byte-wise order of their UTF-8 encoding. */
    private void map(Map<?, ?> map) {
        Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
        for (Map.Entry<?, ?> entry : entries) {
            if (!(entry.getKey() instanceof String)) {
                throw new IllegalArgumentException("IPLD map keys are strings, not " + entry.getKey());
            }
        }
        Arrays.sort(entries, (a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));
        out.append('{');
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            string((String) entries[i].getKey());
            out.append(':');
            write(entries[i].getValue());
        }
        out.append('}');
    }

    private static byte[] utf8(Object key) {
        return ((String) key).getBytes(StandardCharsets.UTF_8);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * A float as JavaScript's Number#toString writes it (the shortest digits; plain between 1e-7 and 1e21, else
     * {@code d.ddde±n}), except that a whole number keeps {@code .0}, so that it reads back as a float.
     */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and infinities are not in the IPLD data model");
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k) + ".0";
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
    }

    /** The fewest decimal digits that read back as the double, the nearest such (Java 17's toString is not always shortest). */
    private static BigDecimal shortest(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; ; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == positive) {
                return rounded.stripTrailingZeros();
            }
        }
    }
}
