package io.ipfskit.protocol.bitswap.message;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a stream's bytes, however they are chunked, into uvarint-length-prefixed frames of at most
 * {@link MessageCodec#MAX_MESSAGE} bytes. A frame's buffer grows with the bytes that actually arrived, so a length
 * prefix alone never makes us allocate what it announces. Not thread-safe: one stream, one reader.
 */
public final class FrameReader {

    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int MAX_LENGTH_SHIFT = 28;

    private long length;
    private int shift;
    private long expected = -1;
    private byte[] frame;
    private int filled;

    /** Consumes the bytes and hands every completed frame to the sink, in order. */
    public void feed(byte[] data, Consumer<byte[]> sink) throws MalformedMessageException {
        int i = 0;
        while (i < data.length) {
            if (expected < 0) {
                i = readLength(data, i);
            } else {
                int n = (int) Math.min(expected - filled, data.length - i);
                ensureCapacity(filled + n);
                System.arraycopy(data, i, frame, filled, n);
                filled += n;
                i += n;
            }
            if (expected >= 0 && filled == expected) {
                byte[] complete = frame.length == filled ? frame : Arrays.copyOf(frame, filled);
                expected = -1;
                frame = null;
                filled = 0;
                sink.accept(complete);
            }
        }
    }

    private int readLength(byte[] data, int i) throws MalformedMessageException {
        int b = data[i] & 0xff;
        length |= (long) (b & 0x7f) << shift;
        if (length > MessageCodec.MAX_MESSAGE) {
            throw new MalformedMessageException("message longer than " + MessageCodec.MAX_MESSAGE + " bytes");
        }
        if ((b & 0x80) != 0) {
            shift += 7;
            if (shift > MAX_LENGTH_SHIFT) {
                throw new MalformedMessageException("message length prefix too long");
            }
            return i + 1;
        }
        expected = length;
        frame = new byte[(int) Math.min(expected, INITIAL_CAPACITY)];
        length = 0;
        shift = 0;
        return i + 1;
    }

    private void ensureCapacity(int needed) {
        if (needed > frame.length) {
            frame = Arrays.copyOf(frame, (int) Math.min(expected, Math.max(needed, 2L * frame.length)));
        }
    }
}
