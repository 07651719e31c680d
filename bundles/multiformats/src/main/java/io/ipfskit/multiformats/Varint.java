package io.ipfskit.multiformats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Unsigned LEB128 varints as multiformats define them: at most 9 bytes, minimal encoding only. */
public final class Varint {

    /** The longest valid encoding, in bytes (63 bits of payload). */
    public static final int MAX_BYTES = 9;

    private Varint() {
    }

    /** Returns the encoding of a non-negative value. */
    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        int i = 0;
        while (value >= 0x80) {
            out[i++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        out[i] = (byte) value;
        return out;
    }

    /** Returns the number of bytes {@link #encode(long)} produces for a non-negative value. */
    public static int size(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must not be negative: " + value);
        }
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    /** Writes the encoding of a non-negative value to a stream. */
    public static void write(long value, OutputStream out) throws IOException {
        out.write(encode(value));
    }

    /** Reads one varint and advances the position past it; throws if it is truncated or malformed. */
    public static long read(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("truncated varint");
            }
            value = accumulate(value, in.get(), i);
            if (value >= 0) {
                return value;
            }
            value &= Long.MAX_VALUE;
        }
        throw new IllegalArgumentException("varint longer than " + MAX_BYTES + " bytes");
    }

    /**
     * Reads one varint from a stream; returns -1 on end of stream before its first byte and
     * throws {@link EOFException} if the stream ends inside it.
     */
    public static long read(InputStream in) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw new EOFException("truncated varint");
            }
            value = accumulate(value, (byte) b, i);
            if (value >= 0) {
                return value;
            }
            value &= Long.MAX_VALUE;
        }
        throw new IllegalArgumentException("varint longer than " + MAX_BYTES + " bytes");
    }

    /**
     * Adds byte {@code index} to the partial value; the result has its sign bit set while more
     * bytes follow (bit 63 is never payload, as 9 bytes carry 63 bits).
     */
    private static long accumulate(long value, byte b, int index) {
        value |= (long) (b & 0x7f) << (7 * index);
        if ((b & 0x80) != 0) {
            if (index == MAX_BYTES - 1) {
                throw new IllegalArgumentException("varint longer than " + MAX_BYTES + " bytes");
            }
            return value | Long.MIN_VALUE;
        }
        if (b == 0 && index > 0) {
            throw new IllegalArgumentException("varint is not minimally encoded");
        }
        return value;
    }
}
