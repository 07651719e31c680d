package io.ipfskit.protobuf.support;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads the fields of a message from a remote peer within bounds: a length-delimited field longer than its bound, a
 * nested message that ends early, a field of the wrong wire type fail with the decoder's own exception type.
 *
 * @param <E> the decoder's exception for malformed input
 */
public final class BoundedFields<E extends IOException> {

    private final Function<String, E> malformed;

    /** Fields whose errors are made by {@code malformed} from a one-line reason. */
    public BoundedFields(Function<String, E> malformed) {
        this.malformed = malformed;
    }

    /** The bytes of a length-delimited field, at most {@code max} of them; {@code what} names it in the error. */
    public byte[] bytes(CodedInputStream in, int tag, int max, String what) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int length = in.readRawVarint32();
        if (length < 0 || length > max) {
            throw malformed.apply(what + " of " + length + " bytes (at most " + max + ")");
        }
        return in.readRawBytes(length);
    }

    /** A nested message read by {@code body} within its length, which it must use up. */
    public <T> T nested(CodedInputStream in, int tag, Body<T> body) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int length = in.readRawVarint32();
        if (length < 0) {
            throw malformed.apply("negative length");
        }
        int limit = in.pushLimit(length);
        T value = body.read(in);
        if (!in.isAtEnd()) {
            throw malformed.apply("nested message ended early");
        }
        in.popLimit(limit);
        return value;
    }

    /** Fails unless the tag has the wire type. */
    public void expect(int tag, int wireType) throws E {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw malformed.apply("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag));
        }
    }

    /** Skips a field this decoder does not know. */
    public void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw malformed.apply("unexpected end-group tag");
        }
    }

    /** Reads the fields of a nested message up to its limit. */
    public interface Body<T> {
        /** Reads the fields until the stream is at its limit. */
        T read(CodedInputStream in) throws IOException;
    }
}
