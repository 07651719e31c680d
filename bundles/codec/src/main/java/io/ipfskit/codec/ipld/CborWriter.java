package io.ipfskit.codec.ipld;

import io.ipfskit.multiformats.Cid;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Writes data-model values as canonical dag-cbor. */
final class CborWriter {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;
    private static final int TAG = 6;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteArrayOutputStream write(Object value) {
        if (value == null) {
            out.write(0xf6);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xf5 : 0xf4);
        } else if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            if (n >= 0) {
                head(UNSIGNED, n);
            } else {
                head(NEGATIVE, -1 - n);
            }
        } else if (value instanceof BigInteger big) {
            bigInteger(big);
        } else if (value instanceof Double d) {
            float64(d);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            head(TEXT, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof byte[] bytes) {
            head(BYTES, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof Cid cid) {
            head(TAG, CborReader.CID_TAG);
            byte[] binary = cid.bytes();
            head(BYTES, binary.length + 1L);
            out.write(0);
            out.writeBytes(binary);
        } else if (value instanceof List<?> list) {
            head(ARRAY, list.size());
            list.forEach(this::write);
        } else if (value instanceof Map<?, ?> map) {
            map(map);
        } else {
            throw new IllegalArgumentException("not an IPLD data-model value: " + value.getClass().getName());
        }
        return out;
    }

    private void bigInteger(BigInteger big) {
        if (big.signum() >= 0 && big.compareTo(TWO_TO_64) < 0) {
            head(UNSIGNED, big.longValue());
        } else if (big.signum() < 0 && big.negate().compareTo(TWO_TO_64) <= 0) {
            head(NEGATIVE, big.negate().subtract(BigInteger.ONE).longValue());
        } else {
            throw new IllegalArgumentException("integer out of dag-cbor's 64-bit range: " + big);
        }
    }

    private void float64(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and infinities are not in the IPLD data model");
        }
        out.write(0xfb);
        long bits = Double.doubleToLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift));
        }
    }

    /** A map with its keys in dag-cbor's order: shorter UTF-8 first, then byte-wise. */
    private void map(Map<?, ?> map) {
        byte[][] keys = new byte[map.size()][];
        Object[] values = new Object[map.size()];
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("IPLD map keys are strings, not " + entry.getKey());
            }
            keys[i] = key.getBytes(StandardCharsets.UTF_8);
            values[i++] = entry.getValue();
        }
        Integer[] order = new Integer[keys.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> keys[a].length != keys[b].length
                ? Integer.compare(keys[a].length, keys[b].length) : Arrays.compareUnsigned(keys[a], keys[b]));
        head(MAP, keys.length);
        for (int k : order) {
            head(TEXT, keys[k].length);
            out.writeBytes(keys[k]);
            write(values[k]);
        }
    }

    /** A major type with its argument in the fewest bytes (the argument is unsigned: up to 2^64 - 1). */
    private void head(int major, long argument) {
        int type = major << 5;
        if (argument >= 0 && argument < 24) {
            out.write(type | (int) argument);
        } else if (argument >= 0 && argument < 0x100) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument >= 0 && argument < 0x10000) {
            out.write(type | 25);
            bigEndian(argument, 2);
        } else if (argument >= 0 && argument < 0x100000000L) {
            out.write(type | 26);
            bigEndian(argument, 4);
        } else {
            out.write(type | 27);
            bigEndian(argument, 8);
        }
    }

    private void bigEndian(long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }
}
