package io.ipfskit.protobuf.support;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes a message's fields into a byte array, with the codecs' hand-written field writers. */
public final class ProtoBytes {

    /** Writes a message's fields. */
    @FunctionalInterface
    public interface Fields {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private ProtoBytes() {
    }

    /** The fields' encoding (writing to memory cannot fail: a failure is a bug, thrown unchecked). */
    public static byte[] encode(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }
}
