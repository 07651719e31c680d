package io.ipfskit.unixfs.car;

import io.ipfskit.multiformats.Cid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CAR v1 header in its one canonical dag-cbor shape, {@code {"roots": [CID...], "version": 1}}, and the CAR v2
 * pragma {@code {"version": 2}}; decoding accepts exactly these shapes with minimal-length CBOR heads.
 */
final class CarHeader {

    /** The 11 bytes that open every CAR v2 file (a v1-style header of length 10 saying version 2). */
    static final byte[] V2_PRAGMA = {0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x02};

    /** Most roots accepted in a header. */
    static final int MAX_ROOTS = 1024;

    private static final byte[] ROOTS = "roots".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "version".getBytes(StandardCharsets.US_ASCII);
    private static final int CID_TAG = 42;

    private CarHeader() {
    }

    /** Whether header bytes are the v2 pragma's body. */
    static boolean isV2Pragma(byte[] header) {
        return Arrays.equals(header, 0, header.length, V2_PRAGMA, 1, V2_PRAGMA.length);
    }

    /** Encodes a v1 header as canonical dag-cbor. */
    static byte[] encode(List<Cid> roots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head(out, 5, 2);
        text(out, ROOTS);
        head(out, 4, roots.size());
        for (Cid root : roots) {
            byte[] cid = root.bytes();
            head(out, 6, CID_TAG);
            head(out, 2, cid.length + 1);
            out.write(0);
            out.writeBytes(cid);
        }
        text(out, VERSION);
        head(out, 0, 1);
        return out.toByteArray();
    }

    /** Decodes a v1 header's roots; throws {@link CarException} for any other shape. */
    static List<Cid> decode(byte[] header) throws CarException {
        ByteBuffer in = ByteBuffer.wrap(header);
        expect(in, 5, 2, "a map of two entries");
        expectText(in, ROOTS);
        long count = head(in, 4);
        if (count > MAX_ROOTS) {
            throw new CarException("CAR header lists " + count + " roots, more than " + MAX_ROOTS);
        }
        List<Cid> roots = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            expect(in, 6, CID_TAG, "a CID (tag 42)");
            long length = head(in, 2);
            if (length < 2 || length > in.remaining() || in.get() != 0) {
                throw new CarException("CAR header: malformed CID bytes in root " + i);
            }
            try {
                roots.add(Cid.decode(Arrays.copyOfRange(header, in.position(), in.position() + (int) length - 1)));
            } catch (IllegalArgumentException e) {
                throw new CarException("CAR header: invalid root CID: " + e.getMessage());
            }
            in.position(in.position() + (int) length - 1);
        }
        expectText(in, VERSION);
        expect(in, 0, 1, "version 1");
        if (in.hasRemaining()) {
            throw new CarException("CAR header: " + in.remaining() + " bytes after the header map");
        }
        return roots;
    }

    private static void text(ByteArrayOutputStream out, byte[] text) {
        head(out, 3, text.length);
        out.writeBytes(text);
    }

    private static void head(ByteArrayOutputStream out, int major, long value) {
        int type = major << 5;
        if (value < 24) {
            out.write(type | (int) value);
        } else if (value < 0x100) {
            out.write(type | 24);
            out.write((int) value);
        } else if (value < 0x10000) {
            out.write(type | 25);
            out.write((int) (value >> 8));
            out.write((int) value);
        } else {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >> shift));
            }
        }
    }

    private static void expect(ByteBuffer in, int major, long value, String what) throws CarException {
        if (head(in, major) != value) {
            throw new CarException("CAR header: expected " + what);
        }
    }

    private static void expectText(ByteBuffer in, byte[] text) throws CarException {
        long length = head(in, 3);
        if (length != text.length || in.remaining() < text.length
                || !Arrays.equals(in.array(), in.position(), in.position() + text.length, text, 0, text.length)) {
            throw new CarException("CAR header: expected the key \"" + new String(text, StandardCharsets.US_ASCII) + "\"");
        }
        in.position(in.position() + text.length);
    }

    /** Reads a CBOR head of the given major type with a minimal-length argument of at most 32 bits. */
    private static long head(ByteBuffer in, int major) throws CarException {
        if (!in.hasRemaining()) {
            throw new CarException("CAR header: truncated");
        }
        int initial = in.get() & 0xFF;
        if (initial >>> 5 != major) {
            throw new CarException("CAR header: unexpected CBOR major type " + (initial >>> 5) + ", wanted " + major);
        }
        int info = initial & 0x1F;
        if (info < 24) {
            return info;
        }
        int bytes = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            default -> throw new CarException("CAR header: unsupported CBOR length encoding " + info);
        };
        if (in.remaining() < bytes) {
            throw new CarException("CAR header: truncated");
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (in.get() & 0xFF);
        }
        long minimum = bytes == 1 ? 24 : bytes == 2 ? 0x100 : 0x10000;
        if (value < minimum) {
            throw new CarException("CAR header: non-minimal CBOR length");
        }
        return value;
    }
}
