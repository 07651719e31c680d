package io.ipfskit.unixfs.internal;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The bytes of a UnixFS file DAG from an offset, fetched block by block as they are read: subtrees before the
 * offset are skipped by their declared sizes, and every node's sizes are checked against what it holds.
 */
public final class FileStream extends InputStream {

    /** Deepest file DAG followed (kubo's balanced DAGs of any practical size are under 10 levels). */
    public static final int MAX_DEPTH = 64;
    /** Children named to the source as the next to be read, again each time the reader has moved on by the stride. */
    static final int PREFETCH_AHEAD = 32;
    static final int PREFETCH_STRIDE = 16;

    private static final byte[] EMPTY = new byte[0];

    private final Exporter exporter;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private long skip;
    private long remaining;
    private byte[] segment = EMPTY;
    private int position;

    /** {@code count} bytes of the file at {@code root} from {@code offset}, both within the file's size. */
    public FileStream(Exporter exporter, Cid root, long offset, long count) throws IOException {
        this.exporter = exporter;
        this.skip = offset;
        this.remaining = count;
        if (count > 0) {
            open(root, -1);
        }
    }

    /** The size a file node declares, checked against its inline data and children; rejects non-files. */
    public static long fileSize(Cid cid, UnixfsData data) {
        if (data.type() != UnixfsData.Type.FILE && data.type() != UnixfsData.Type.RAW) {
            throw new IllegalArgumentException("not a file (" + data.type() + "): " + cid);
        }
        long sum = data.data() == null ? 0 : data.data().length;
        for (long size : data.blocksizes()) {
            sum += size;
            if (sum < 0) {
                throw new IllegalArgumentException("unixfs: blocksizes overflow in " + cid);
            }
        }
        if (data.filesize() >= 0 && data.filesize() != sum) {
            throw new IllegalArgumentException("unixfs: filesize " + data.filesize() + " differs from its parts ("
                    + sum + ") in " + cid);
        }
        return sum;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        remaining--;
        return segment[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = (int) Math.min(Math.min(length, segment.length - position), remaining);
        System.arraycopy(segment, position, buffer, offset, count);
        position += count;
        remaining -= count;
        return count;
    }

    private boolean fill() throws IOException {
        if (remaining <= 0) {
            return false;
        }
        while (position >= segment.length) {
            Frame frame = frames.peek();
            if (frame == null) {
                throw new IOException("file DAG ended before its declared size");
            }
            if (frame.next == frame.links.size()) {
                frames.pop();
                continue;
            }
            int index = frame.next++;
            long size = frame.sizes.get(index);
            if (skip >= size) {
                skip -= size;
            } else {
                if (index >= frame.prefetched - PREFETCH_AHEAD + PREFETCH_STRIDE) {
                    exporter.prefetch(frame.ahead(index, PREFETCH_AHEAD));
                    frame.prefetched = index + PREFETCH_AHEAD;
                }
                open(frame.links.get(index).hash(), size);
            }
        }
        return true;
    }

    private void open(Cid cid, long expected) throws IOException {
        byte[] block = exporter.block(cid);
        if (cid.codec() == Multicodec.RAW) {
            checkSize(cid, block.length, expected);
            setSegment(block);
            return;
        }
        if (cid.codec() != Multicodec.DAG_PB) {
            throw new IOException("unsupported codec " + "0x" + Long.toHexString(cid.codec()) + " in a file: " + cid);
        }
        try {
            PbNode node = DagPb.decode(block);
            UnixfsData data = Exporter.unixfs(cid, node);
            checkSize(cid, fileSize(cid, data), expected);
            if (node.links().size() != data.blocksizes().size()) {
                throw new IOException("unixfs: " + node.links().size() + " links but " + data.blocksizes().size()
                        + " blocksizes in " + cid);
            }
            if (!node.links().isEmpty()) {
                if (frames.size() >= MAX_DEPTH) {
                    throw new IOException("file DAG deeper than " + MAX_DEPTH + " levels at " + cid);
                }
                frames.push(new Frame(node.links(), data.blocksizes()));
            }
            setSegment(data.data() == null ? EMPTY : data.data());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void checkSize(Cid cid, long actual, long expected) throws IOException {
        if (expected >= 0 && actual != expected) {
            throw new IOException("block " + cid + " holds " + actual + " file bytes, its parent declares " + expected);
        }
    }

    private void setSegment(byte[] bytes) {
        if (skip >= bytes.length) {
            skip -= bytes.length;
            segment = EMPTY;
            position = 0;
        } else {
            segment = bytes;
            position = (int) skip;
            skip = 0;
        }
    }

    /** One file node being read: its links, their declared sizes, and the next link to visit. */
    private static final class Frame {
        private final List<PbLink> links;
        private final List<Long> sizes;
        private int next;
        /** Links before this index were named to the source already. */
        private int prefetched;

        Frame(List<PbLink> links, List<Long> sizes) {
            this.links = links;
            this.sizes = sizes;
        }

        /** Up to {@code count} links from {@code from} on. */
        List<Cid> ahead(int from, int count) {
            return links.subList(from, Math.min(links.size(), from + count)).stream().map(PbLink::hash).toList();
        }
    }
}
