package io.ipfskit.dht.kad.wire;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a stream's bytes, however they are chunked, into uvarint-length-prefixed frames of at most
 * {@link MessageCodec#MAX_MESSAGE} bytes. A frame's buffer grows with the bytes that arrived, so a length prefix alone
 * never allocates what it announces. Not thread-safe: one stream, one reader.
 */
public final class FrameReader {

    private static final int FIRST_CHUNK = 16 * 1024;
    private static final int MAX_PREFIX_BYTES = 4;

    private long length;
    private int prefixBytes;
    private int expected = -1;
    private byte[] frame;
    private int filled;

    /** Consumes the bytes and hands every completed frame to the sink, in order. */
    public void feed(byte[] data, Consumer<byte[]> sink) throws MalformedMessageException {
        int i = 0;
        while (i < data.length) {
            if (expected < 0) {
                i = prefix(data, i);
            } else {
                int n = Math.min(expected - filled, data.length - i);
                if (filled + n > frame.length) {
                    frame = Arrays.copyOf(frame, Math.min(expected, Math.max(filled + n, 2 * frame.length)));
                }
                System.arraycopy(data, i, frame, filled, n);
                filled += n;
                i += n;
            }
            if (expected >= 0 && filled == expected) {
                byte[] complete = frame;
                expected = -1;
                frame = null;
                filled = 0;
                sink.accept(complete);
            }
        }
    }

    private int prefix(byte[] data, int i) throws MalformedMessageException {
        int b = data[i] & 0xff;
        length |= (long) (b & 0x7f) << (7 * prefixBytes);
        prefixBytes++;
        if (length > MessageCodec.MAX_MESSAGE) {
            throw new MalformedMessageException("message longer than " + MessageCodec.MAX_MESSAGE + " bytes");
        }
        if ((b & 0x80) != 0) {
            if (prefixBytes >= MAX_PREFIX_BYTES) {
                throw new MalformedMessageException("message length prefix too long");
            }
            return i + 1;
        }
        expected = (int) length;
        frame = new byte[Math.min(expected, FIRST_CHUNK)];
        length = 0;
        prefixBytes = 0;
        return i + 1;
    }
}
