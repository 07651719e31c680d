package io.ipfskit.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;

/** Noise messages on the wire: a 2-byte big-endian length, then at most 65535 bytes. */
final class NoiseFrames {

    /** The largest Noise message. */
    static final int MAX_MESSAGE = 65535;
    /** The largest plaintext of one transport message. */
    static final int MAX_PLAINTEXT = MAX_MESSAGE - CipherState.TAG;

    private NoiseFrames() {
    }

    /** Reads one complete message, or returns null (consuming nothing) if more bytes are needed. */
    static byte[] read(ByteBuf in) throws IOException {
        if (in.readableBytes() < 2) {
            return null;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (in.readableBytes() < 2 + length) {
            return null;
        }
        in.skipBytes(2);
        byte[] message = new byte[length];
        in.readBytes(message);
        return message;
    }

    /** A framed message. */
    static ByteBuf frame(ByteBufAllocator alloc, byte[] message) {
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("noise message of " + message.length + " bytes");
        }
        return alloc.buffer(2 + message.length).writeShort(message.length).writeBytes(message);
    }
}
