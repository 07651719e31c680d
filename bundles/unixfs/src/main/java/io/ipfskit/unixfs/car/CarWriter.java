package io.ipfskit.unixfs.car;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.unixfs.BlockSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Writes CAR v1: the header naming the roots, then every block reachable from them exactly once, depth-first in
 * link order; dag-pb links are followed, raw and other codecs are leaves. Every block is verified as it is read.
 */
public final class CarWriter {

    private CarWriter() {
    }

    /** Writes the length-prefixed CAR v1 header naming the roots (a writer with its own block order follows it). */
    public static void writeHeader(List<Cid> roots, OutputStream out) throws IOException {
        byte[] header = CarHeader.encode(roots);
        Varint.write(header.length, out);
        out.write(header);
    }

    /** Writes the DAGs under the roots and returns the number of blocks written. */
    public static long write(List<Cid> roots, BlockSource source, OutputStream out) throws IOException {
        writeHeader(roots, out);
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(roots.get(i));
        }
        long written = 0;
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            if (!seen.add(cid)) {
                continue;
            }
            byte[] block = source.get(cid).orElseThrow(() -> new NoSuchElementException("block not found: " + cid));
            if (!cid.verify(block)) {
                throw new IOException("block does not match its CID: " + cid);
            }
            byte[] cidBytes = cid.bytes();
            Varint.write((long) cidBytes.length + block.length, out);
            out.write(cidBytes);
            out.write(block);
            written++;
            if (cid.codec() == Multicodec.DAG_PB) {
                List<PbLink> links = DagPb.decode(block).links();
                for (int i = links.size() - 1; i >= 0; i--) {
                    pending.push(links.get(i).hash());
                }
            }
        }
        return written;
    }
}
