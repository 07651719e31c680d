package io.ipfskit.codec.ipld;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one dag-cbor block into data-model values, refusing what the data model cannot hold. */
final class CborReader {

    static final int CID_TAG = 42;

    private final byte[] in;
    private final int maxDepth;
    private int at;

    CborReader(byte[] in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    Object readWhole() throws IOException {
        if (in.length == 0) {
            throw new IOException("dag-cbor: empty block");
        }
        Object value = read(0);
        if (at != in.length) {
            throw new IOException("dag-cbor: " + (in.length - at) + " bytes after the top-level item");
        }
        return value;
    }

    private Object read(int depth) throws IOException {
        if (depth > maxDepth) {
            throw new IOException("dag-cbor: nested deeper than " + maxDepth);
        }
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 7) {
            return simple(info);
        }
        long argument = argument(info);
        return switch (major) {
            case 0 -> unsigned(argument);
            case 1 -> negative(argument);
            case 2 -> take(argument);
            case 3 -> text(take(argument));
            case 4 -> list(argument, depth);
            case 5 -> map(argument, depth);
            default -> link(argument);
        };
    }

    private Object simple(int info) throws IOException {
        double value;
        switch (info) {
            case 20:
                return Boolean.FALSE;
            case 21:
                return Boolean.TRUE;
            case 22:
                return null;
            case 25:
                value = half((int) bits(2));
                break;
            case 26:
                value = Float.intBitsToFloat((int) bits(4));
                break;
            case 27:
                value = Double.longBitsToDouble(bits(8));
                break;
            default:
                throw new IOException("dag-cbor: simple value " + info + " is not in the data model");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IOException("dag-cbor: NaN and infinities are not in the data model");
        }
        return value;
    }

    /** An unsigned argument: a {@link Long} when it fits, else a {@link BigInteger}. */
    private static Object unsigned(long argument) {
        return argument >= 0 ? (Object) argument : new BigInteger(Long.toUnsignedString(argument));
    }

    /** The integer -1 - argument (major type 1). */
    private static Object negative(long argument) {
        return argument >= 0 ? (Object) (-1 - argument)
                : new BigInteger(Long.toUnsignedString(argument)).negate().subtract(BigInteger.ONE);
    }

    /** An IEEE 754 half-precision float (Java 17 has no conversion of its own). */
    private static double half(int bits) {
        int exponent = bits >>> 10 & 0x1f;
        int mantissa = bits & 0x3ff;
        double magnitude = exponent == 0 ? Math.scalb((double) mantissa, -24)
                : exponent == 31 ? (mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                : Math.scalb((double) (mantissa | 0x400), exponent - 25);
        return (bits & 0x8000) != 0 ? -magnitude : magnitude;
    }

    private List<Object> list(long count, int depth) throws IOException {
        requireItems(count);
        List<Object> list = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            list.add(read(depth + 1));
        }
        return list;
    }

    private Map<String, Object> map(long count, int depth) throws IOException {
        requireItems(count * 2);
        Map<String, Object> map = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            int initial = next();
            if (initial >>> 5 != 3) {
                throw new IOException("dag-cbor: map keys must be strings");
            }
            String key = text(take(argument(initial & 0x1f)));
            if (map.containsKey(key)) {
                throw new IOException("dag-cbor: duplicate map key \"" + key + "\"");
            }
            map.put(key, read(depth + 1));
        }
        return map;
    }

    private Cid link(long tag) throws IOException {
        if (tag != CID_TAG) {
            throw new IOException("dag-cbor: tag " + Long.toUnsignedString(tag) + " is not allowed (only 42, a link)");
        }
        int initial = next();
        if (initial >>> 5 != 2) {
            throw new IOException("dag-cbor: tag 42 must wrap a byte string");
        }
        byte[] bytes = take(argument(initial & 0x1f));
        if (bytes.length < 2 || bytes[0] != 0) {
            throw new IOException("dag-cbor: a link must start with the 0x00 multibase prefix");
        }
        try {
            return Cid.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
        } catch (IllegalArgumentException e) {
            throw new IOException("dag-cbor: invalid CID in a link: " + e.getMessage(), e);
        }
    }

    private long argument(int info) throws IOException {
        return switch (info) {
            case 24 -> bits(1);
            case 25 -> bits(2);
            case 26 -> bits(4);
            case 27 -> bits(8);
            case 31 -> throw new IOException("dag-cbor: indefinite lengths are not allowed");
            default -> {
                if (info > 27) {
                    throw new IOException("dag-cbor: reserved additional information " + info);
                }
                yield info;
            }
        };
    }

    private long bits(int bytes) throws IOException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | next();
        }
        return value;
    }

    /** Each item takes at least one byte: a count beyond what is left is refused before anything is allocated. */
    private void requireItems(long count) throws IOException {
        if (count < 0 || count > in.length - at) {
            throw new IOException("dag-cbor: " + Long.toUnsignedString(count) + " items announced, "
                    + (in.length - at) + " bytes left");
        }
    }

    private byte[] take(long length) throws IOException {
        if (length < 0 || length > in.length - at) {
            throw new IOException("dag-cbor: a string of " + Long.toUnsignedString(length) + " bytes, "
                    + (in.length - at) + " left");
        }
        byte[] bytes = Arrays.copyOfRange(in, at, at + (int) length);
        at += (int) length;
        return bytes;
    }

    private static String text(byte[] utf8) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("dag-cbor: a string is not valid UTF-8", e);
        }
    }

    private int next() throws IOException {
        if (at >= in.length) {
            throw new IOException("dag-cbor: truncated");
        }
        return in[at++] & 0xff;
    }
}
