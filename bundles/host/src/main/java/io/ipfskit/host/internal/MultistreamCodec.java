package io.ipfskit.host.internal;

import io.netty.buffer.ByteBuf;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** multistream-select 1.0 framing: an unsigned varint length, then UTF-8 text ending in a newline; bounded in size. */
final class MultistreamCodec {

    /** The protocol id and header of multistream-select 1.0. */
    static final String HEADER = "/multistream/1.0.0";
    /** The answer for a protocol that is not available. */
    static final String NA = "na";
    /** The request for the list of protocols. */
    static final String LS = "ls";
    /** The longest message accepted (length prefix excluded), newline included. */
    static final int MAX_MESSAGE = 1024;

    private MultistreamCodec() {
    }

    /** Appends one message. */
    static void write(ByteBuf out, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        writeVarint(out, text.length + 1);
        out.writeBytes(text).writeByte('\n');
    }

    /** Appends the answer to {@code ls}: one message whose body is one message per protocol. */
    static void writeList(ByteBuf out, Collection<String> protocols) {
        ByteBuf body = out.alloc().buffer();
        try {
            protocols.forEach(p -> write(body, p));
            writeVarint(out, body.readableBytes() + 1);
            out.writeBytes(body).writeByte('\n');
        } finally {
            body.release();
        }
    }

    /** Reads one complete message without its newline, or returns null (consuming nothing) if more bytes are needed. */
    static String read(ByteBuf in) throws ProtocolException {
        int start = in.readerIndex();
        long length = 0;
        int shift = 0;
        while (true) {
            if (!in.isReadable()) {
                in.readerIndex(start);
                return null;
            }
            int b = in.readUnsignedByte();
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 14) {
                throw new ProtocolException("multistream length prefix too long");
            }
        }
        if (length < 1 || length > MAX_MESSAGE) {
            throw new ProtocolException("multistream message length " + length + " outside 1.." + MAX_MESSAGE);
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return null;
        }
        byte[] text = new byte[(int) length];
        in.readBytes(text);
        if (text[text.length - 1] != '\n') {
            throw new ProtocolException("multistream message does not end in a newline");
        }
        return new String(text, 0, text.length - 1, StandardCharsets.UTF_8);
    }

    private static void writeVarint(ByteBuf out, int value) {
        while (value >= 0x80) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }
}
