package io.ipfskit.multiformats;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Splits a stream's bytes, however they are chunked, into unsigned-varint length-prefixed frames (the unsigned-varint
 * spec's "length-prefixed" messages: Bitswap, Kademlia, identify) of at most a bound, failing with the protocol's own
 * exception. A frame's buffer grows with the bytes that arrived (at most twice them, or the first 64 KiB), so a length
 * prefix alone never allocates what it announces; a prefix longer than the bound needs is refused. Not thread-safe:
 * one stream, one reader.
 *
 * @param <E> the exception a malformed frame raises
 */
public class LengthPrefixedFrames<E extends Exception> {

    private static final int FIRST_CHUNK = 64 * 1024;

    private final int maxFrame;
    private final int maxPrefixBytes;
    private final Function<String, E> malformed;
    private long length;
    private int prefixBytes;
    private int expected = -1;
    private byte[] frame;
    private int filled;

    /** Frames of at most {@code maxFrame} bytes; {@code malformed} makes the exception for a reason. */
    public LengthPrefixedFrames(int maxFrame, Function<String, E> malformed) {
        if (maxFrame < 0) {
            throw new IllegalArgumentException("negative frame bound " + maxFrame);
        }
        this.maxFrame = maxFrame;
        this.maxPrefixBytes = Math.max(1, (32 - Integer.numberOfLeadingZeros(maxFrame) + 6) / 7);
        this.malformed = malformed;
    }

    /** Consumes the bytes and hands every completed frame to the sink, in order. */
    public final void feed(byte[] data, Consumer<byte[]> sink) throws E {
        int i = 0;
        while (i < data.length) {
            if (expected < 0) {
                i = prefix(data, i);
            } else {
                int n = Math.min(expected - filled, data.length - i);
                if (filled + n > frame.length) {
                    frame = Arrays.copyOf(frame, grown(filled + n));
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

    /**
     * The frame's next capacity for {@code arrived} bytes: twice the last, or the whole frame at once when that is at
     * most twice what arrived (either way never more than twice what arrived, and no third copy of a large frame).
     */
    private int grown(int arrived) {
        if (expected <= 2L * arrived) {
            return expected;
        }
        return Math.max(arrived, 2 * frame.length);
    }

    /** The bytes held for the frame being read (0 between frames). */
    final int capacity() {
        return frame == null ? 0 : frame.length;
    }

    private int prefix(byte[] data, int i) throws E {
        int b = data[i] & 0xff;
        length |= (long) (b & 0x7f) << (7 * prefixBytes);
        prefixBytes++;
        if (length > maxFrame) {
            throw malformed.apply("message longer than " + maxFrame + " bytes");
        }
        if ((b & 0x80) != 0) {
            if (prefixBytes >= maxPrefixBytes) {
                throw malformed.apply("message length prefix too long");
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
