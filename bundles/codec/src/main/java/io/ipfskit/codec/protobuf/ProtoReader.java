package io.ipfskit.codec.protobuf;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Reads protobuf wire-format fields strictly from a byte range: every length is checked against what remains. */
public final class ProtoReader {

    /** Wire type of a varint field. */
    public static final int VARINT = 0;
    /** Wire type of a length-delimited field. */
    public static final int LENGTH_DELIMITED = 2;

    private final byte[] data;
    private final int end;
    private int position;

    /** A reader over {@code data[from, to)}. */
    public ProtoReader(byte[] data, int from, int to) {
        this.data = data;
        this.position = from;
        this.end = to;
    }

    /** A reader over all of {@code data}. */
    public ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Whether bytes remain. */
    public boolean hasMore() {
        return position < end;
    }

    /** Reads a field key and returns it ({@code field << 3 | wireType}); rejects field numbers outside 1..2^29-1. */
    public int key() {
        long key = varint();
        if (key >>> 3 == 0 || key >>> 3 > 0x1FFFFFFFL) {
            throw new IllegalArgumentException("protobuf: invalid field key " + key);
        }
        return (int) key;
    }

    /** Reads an unsigned varint of at most 10 bytes, rejecting overlong encodings. */
    public long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new IllegalArgumentException("protobuf: truncated varint");
            }
            int b = data[position++] & 0xFF;
            if (shift == 63 && b > 1) {
                throw new IllegalArgumentException("protobuf: varint overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new IllegalArgumentException("protobuf: overlong varint");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("protobuf: varint longer than 10 bytes");
    }

    /** Reads a length-delimited value as a copy. */
    public byte[] bytes() {
        int length = length();
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    /** Reads a length-delimited value as a reader over it (no copy). */
    public ProtoReader message() {
        int length = length();
        ProtoReader inner = new ProtoReader(data, position, position + length);
        position += length;
        return inner;
    }

    /** Reads a length-delimited value as strict UTF-8. */
    public String string() {
        int length = length();
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length)).toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("protobuf: string is not valid UTF-8", e);
        }
    }

    /** Skips one value of the given wire type (varint, 64-bit, length-delimited or 32-bit). */
    public void skip(int wireType) {
        switch (wireType) {
            case VARINT -> varint();
            case 1 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case 5 -> advance(4);
            default -> throw new IllegalArgumentException("protobuf: unsupported wire type " + wireType);
        }
    }

    private int length() {
        long length = varint();
        if (length < 0 || length > end - position) {
            throw new IllegalArgumentException("protobuf: length " + length + " exceeds the " + (end - position)
                    + " bytes left");
        }
        return (int) length;
    }

    private void advance(int count) {
        if (count > end - position) {
            throw new IllegalArgumentException("protobuf: truncated field");
        }
        position += count;
    }
}
