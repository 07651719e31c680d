package io.ipfskit.codec.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire-format fields in the order they are called; enough for dag-pb and UnixFS messages. */
public final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes a varint field (wire type 0). */
    public ProtoWriter uint64(int field, long value) {
        varint((long) field << 3);
        varint(value);
        return this;
    }

    /** Writes a length-delimited field (wire type 2). */
    public ProtoWriter bytes(int field, byte[] value) {
        varint((long) field << 3 | 2);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Writes a UTF-8 string field (wire type 2). */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The encoded message. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
