package io.ipfskit.protobuf.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BoundedFieldsTest {

    /** The decoder's own exception type. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    private final BoundedFields<Malformed> fields = new BoundedFields<>(Malformed::new);

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static CodedInputStream encoded(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return CodedInputStream.newInstance(bytes.toByteArray());
    }

    @Test
    void readsBytesUpToTheirBoundAndNoMore() throws IOException {
        CodedInputStream in = encoded(o -> o.writeByteArray(1, new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, fields.bytes(in, in.readTag(), 3, "key"));
        CodedInputStream longer = encoded(o -> o.writeByteArray(1, new byte[4]));
        Malformed e = assertThrows(Malformed.class, () -> fields.bytes(longer, longer.readTag(), 3, "key"));
        assertEquals("key of 4 bytes (at most 3)", e.getMessage());
    }

    @Test
    void aWrongWireTypeIsMalformed() throws IOException {
        CodedInputStream in = encoded(o -> o.writeUInt64(1, 7));
        assertThrows(Malformed.class, () -> fields.bytes(in, in.readTag(), 3, "key"));
    }

    @Test
    void aNestedMessageIsReadWithinItsLengthAndMustUseItUp() throws IOException {
        byte[] inner = new byte[] {0x08, 0x05, 0x10, 0x06};
        CodedInputStream whole = encoded(o -> o.writeByteArray(2, inner));
        Long read = fields.nested(whole, whole.readTag(), in -> {
            in.readTag();
            long value = in.readUInt64();
            fields.skip(in, in.readTag());
            return value;
        });
        assertEquals(5L, read);
        CodedInputStream early = encoded(o -> o.writeByteArray(2, inner));
        Malformed e = assertThrows(Malformed.class, () -> fields.nested(early, early.readTag(), in -> {
            in.readTag();
            return in.readUInt64();
        }));
        assertTrue(e.getMessage().contains("ended early"), e.getMessage());
    }

    @Test
    void anEndGroupTagCannotBeSkipped() throws IOException {
        CodedInputStream in = encoded(o -> o.writeTag(3, WireFormat.WIRETYPE_END_GROUP));
        // protobuf-java 4 refuses it itself; its older contract is a false return, which is malformed here too
        assertThrows(IOException.class, () -> fields.skip(in, in.readTag()));
    }
}
