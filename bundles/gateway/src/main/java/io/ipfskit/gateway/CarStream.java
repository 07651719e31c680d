package io.ipfskit.gateway;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.unixfs.BlockSource;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.UnixfsData;
import io.ipfskit.unixfs.car.CarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Streams a CAR v1 response as the trustless gateway defines it, block by block as they are read (never the DAG in
 * memory): the blocks that verify the path, then the terminal's blocks by {@link DagScope}, depth-first in link order
 * ({@code order=dfs}); with {@code dups=n} each block once (the CIDs sent are remembered), with {@code dups=y} every
 * time it occurs. Identity CIDs are never sent. A missing or invalid block ends the stream with an IOException (the
 * response is cut short: its status was sent).
 */
final class CarStream {

    /** Deepest DAG walked. */
    static final int MAX_DEPTH = 4096;

    private final BlockSource source;
    private final LongFunction<LinkWalker> walkers;
    private final boolean dups;
    private final OutputStream out;
    private final Set<Cid> sent = new HashSet<>();

    /** A stream of blocks from the source to {@code out}; {@code walkers} reads the links of codecs besides dag-pb and raw. */
    CarStream(BlockSource source, LongFunction<LinkWalker> walkers, boolean dups, OutputStream out) {
        this.source = source;
        this.walkers = walkers;
        this.dups = dups;
        this.out = out;
    }

    /**
     * Writes the header naming {@code root}, the path's blocks, then {@code terminal}'s blocks in {@code scope};
     * {@code span} (entity scope, a UnixFS file) limits a file to the blocks holding those bytes, null for all.
     */
    void write(Cid root, List<Cid> pathBlocks, Cid terminal, DagScope scope, ByteSpan span) throws IOException {
        CarWriter.writeHeader(List.of(root), out);
        for (Cid cid : pathBlocks) {
            if (!cid.equals(terminal)) {
                send(cid);
            }
        }
        switch (scope) {
            case BLOCK -> send(terminal);
            case ENTITY -> entity(terminal, span);
            case ALL -> all(terminal);
        }
    }

    /** Sends the block unless it is an identity CID or (dups=n) was sent; returns its bytes, null when not sent. */
    private byte[] send(Cid cid) throws IOException {
        if (cid.multihash().code() == Multicodec.IDENTITY || !dups && !sent.add(cid)) {
            return null;
        }
        byte[] block = source.get(cid).orElseThrow(() -> new IOException("block not found: " + cid));
        if (!cid.verify(block)) {
            throw new IOException("block does not match its CID: " + cid);
        }
        byte[] cidBytes = cid.bytes();
        Varint.write((long) cidBytes.length + block.length, out);
        out.write(cidBytes);
        out.write(block);
        return block;
    }

    private void entity(Cid terminal, ByteSpan span) throws IOException {
        byte[] block = send(terminal);
        if (block == null || terminal.codec() != Multicodec.DAG_PB) {
            return;
        }
        PbNode node = decode(terminal, block);
        UnixfsData data = unixfs(terminal, node);
        switch (data.type()) {
            case FILE, RAW -> fileChildren(terminal, node, data, span, 0);
            case HAMT_SHARD -> shards(node, 0);
            default -> { }
        }
    }

    /** Sends the children of a file node that hold bytes of {@code span} (relative to this node; null: all). */
    private void fileChildren(Cid cid, PbNode node, UnixfsData data, ByteSpan span, int depth) throws IOException {
        if (depth > MAX_DEPTH || node.links().size() != data.blocksizes().size()) {
            throw new IOException("unixfs: malformed file node " + cid);
        }
        long offset = data.data() == null ? 0 : data.data().length;
        List<Cid> wanted = new ArrayList<>();
        List<ByteSpan> spans = new ArrayList<>();
        for (int i = 0; i < node.links().size(); i++) {
            long size = data.blocksizes().get(i);
            long first = offset;
            long last = offset + size - 1;
            offset += size;
            if (size == 0 || span != null && (last < span.first() || first > span.last())) {
                continue;
            }
            wanted.add(node.links().get(i).hash());
            spans.add(span == null ? null
                    : new ByteSpan(Math.max(0, span.first() - first), Math.min(size - 1, span.last() - first)));
        }
        source.prefetch(wanted);
        for (int i = 0; i < wanted.size(); i++) {
            Cid child = wanted.get(i);
            byte[] block = send(child);
            if (block != null && child.codec() == Multicodec.DAG_PB) {
                PbNode childNode = decode(child, block);
                fileChildren(child, childNode, unixfs(child, childNode), spans.get(i), depth + 1);
            }
        }
    }

    /** Sends the inner shards of a HAMT directory (links named by their two-character slot alone), not its entries. */
    private void shards(PbNode node, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("HAMT deeper than " + MAX_DEPTH);
        }
        for (PbLink link : node.links()) {
            if (link.name() != null && link.name().length() == 2) {
                byte[] block = send(link.hash());
                if (block != null) {
                    shards(decode(link.hash(), block), depth + 1);
                }
            }
        }
    }

    /** Every block under {@code start}, depth-first in link order, with an explicit stack. */
    private void all(Cid start) throws IOException {
        Deque<Iterator<Cid>> stack = new ArrayDeque<>();
        stack.push(List.of(start).iterator());
        while (!stack.isEmpty()) {
            Iterator<Cid> next = stack.peek();
            if (!next.hasNext()) {
                stack.pop();
                continue;
            }
            Cid cid = next.next();
            byte[] block = send(cid);
            if (block == null) {
                continue;
            }
            List<Cid> links = links(cid, block);
            if (!links.isEmpty()) {
                if (stack.size() >= MAX_DEPTH) {
                    throw new IOException("DAG deeper than " + MAX_DEPTH + " levels at " + cid);
                }
                source.prefetch(links);
                stack.push(links.iterator());
            }
        }
    }

    private List<Cid> links(Cid cid, byte[] block) throws IOException {
        if (cid.codec() == Multicodec.RAW) {
            return List.of();
        }
        if (cid.codec() == Multicodec.DAG_PB) {
            return decode(cid, block).links().stream().map(PbLink::hash).toList();
        }
        LinkWalker walker = walkers.apply(cid.codec());
        if (walker == null) {
            throw new IOException("cannot walk " + cid + ": no link walker for codec " + Multicodec.name(cid.codec()));
        }
        List<Cid> links = new ArrayList<>();
        walker.links(block, links::add);
        return links;
    }

    private static PbNode decode(Cid cid, byte[] block) throws IOException {
        try {
            return DagPb.decode(block);
        } catch (IllegalArgumentException e) {
            throw new IOException("not valid dag-pb: " + cid + ": " + e.getMessage(), e);
        }
    }

    private static UnixfsData unixfs(Cid cid, PbNode node) throws IOException {
        try {
            return Exporter.unixfs(cid, node);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
