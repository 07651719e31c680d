package io.ipfskit.unixfs.car;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.unixfs.BlockSink;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CAR v1, and CAR v2 through its inner v1 payload (the index is ignored): every length is bounded, every block
 * is verified against its CID before it reaches the sink, and any flaw is a {@link CarException}.
 */
public final class CarReader {

    /** Largest header accepted. */
    public static final int MAX_HEADER = 1 << 20;
    /** Largest section (CID plus block) accepted: the largest block plus room for its CID. */
    public static final int MAX_SECTION = DagPb.MAX_BLOCK_SIZE + 256;

    private static final int V2_HEADER = 40;

    private CarReader() {
    }

    /**
     * Verifies the whole file first, then stores its blocks: a truncated or corrupt CAR stores nothing. Returns the
     * roots.
     */
    public static List<Cid> importFile(Path car, BlockSink sink) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(car))) {
            read(in, (cid, block) -> { });
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(car))) {
            return read(in, sink);
        }
    }

    /**
     * Streams the blocks of a CAR into the sink, each verified before it is handed over; stops at the first flaw, so
     * blocks before it have reached the sink. Returns the roots.
     */
    public static List<Cid> read(InputStream in, BlockSink sink) throws IOException {
        byte[] header = header(in);
        if (CarHeader.isV2Pragma(header)) {
            return readV2(in, sink);
        }
        List<Cid> roots = CarHeader.decode(header);
        sections(in, sink);
        return roots;
    }

    private static List<Cid> readV2(InputStream in, BlockSink sink) throws IOException {
        ByteBuffer v2 = ByteBuffer.wrap(exactly(in, V2_HEADER, "CAR v2 header")).order(ByteOrder.LITTLE_ENDIAN);
        v2.position(16);
        long dataOffset = v2.getLong();
        long dataSize = v2.getLong();
        long consumed = CarHeader.V2_PRAGMA.length + V2_HEADER;
        if (dataOffset < consumed || dataSize < 0) {
            throw new CarException("CAR v2: data offset " + dataOffset + " or size " + dataSize + " out of range");
        }
        long gap = dataOffset - consumed;
        if (in.skip(gap) != gap) {
            throw new CarException("CAR v2: truncated before its data");
        }
        Bounded inner = new Bounded(in, dataSize);
        List<Cid> roots = CarHeader.decode(header(inner));
        sections(inner, sink);
        if (inner.left > 0) {
            throw new CarException("CAR v2: data ends " + inner.left + " bytes before its declared size");
        }
        return roots;
    }

    private static byte[] header(InputStream in) throws IOException {
        long length = length(in, "header");
        if (length < 0) {
            throw new CarException("empty CAR");
        }
        if (length == 0 || length > MAX_HEADER) {
            throw new CarException("CAR header length " + length + " out of range 1.." + MAX_HEADER);
        }
        return exactly(in, (int) length, "CAR header");
    }

    private static void sections(InputStream in, BlockSink sink) throws IOException {
        while (true) {
            long length = length(in, "section");
            if (length < 0) {
                return;
            }
            if (length == 0 || length > MAX_SECTION) {
                throw new CarException("CAR section length " + length + " out of range 1.." + MAX_SECTION);
            }
            byte[] section = exactly(in, (int) length, "CAR section");
            ByteBuffer buffer = ByteBuffer.wrap(section);
            Cid cid;
            try {
                cid = Cid.read(buffer);
            } catch (IllegalArgumentException e) {
                throw new CarException("CAR: invalid CID in a section: " + e.getMessage());
            }
            byte[] block = Arrays.copyOfRange(section, buffer.position(), section.length);
            sink.put(verified(cid, block));
        }
    }

    private static long length(InputStream in, String what) throws IOException {
        try {
            return Varint.read(in);
        } catch (IllegalArgumentException | EOFException e) {
            throw new CarException("CAR: malformed " + what + " length: " + e.getMessage());
        }
    }

    /** The block checked against its CID once (the sink does not hash it again). */
    private static VerifiedBlock verified(Cid cid, byte[] block) throws CarException {
        try {
            return VerifiedBlock.check(cid, block);
        } catch (InvalidBlockException e) {
            throw new CarException("CAR: " + e.getMessage());
        }
    }

    private static byte[] exactly(InputStream in, int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new CarException(what + " truncated: " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** The first {@code left} bytes of a stream, for CAR v2's data payload. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return length == 0 ? 0 : -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
