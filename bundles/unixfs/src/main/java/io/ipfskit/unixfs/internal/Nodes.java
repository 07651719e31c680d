package io.ipfskit.unixfs.internal;

import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.BlockSink;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Makes the blocks of a UnixFS DAG as kubo encodes them, hashes them with sha2-256 and writes them to a sink. */
public final class Nodes {

    private final ImportOptions options;
    private final BlockSink sink;

    /** A node maker for the given options writing to the sink. */
    public Nodes(ImportOptions options, BlockSink sink) {
        this.options = options;
        this.sink = sink;
    }

    /** The import options. */
    public ImportOptions options() {
        return options;
    }

    /** A leaf holding one chunk: a raw block with raw leaves, else a UnixFS node of the given type (File or Raw). */
    public Imported leaf(byte[] chunk, UnixfsData.Type type) throws IOException {
        return store(prepare(chunk, type));
    }

    /** A leaf's block and CID, made without storing it (any thread may make them: nothing is shared). */
    Leaf prepare(byte[] chunk, UnixfsData.Type type) {
        if (options.rawLeaves()) {
            return new Leaf(VerifiedBlock.hash(1, Multicodec.RAW, chunk), chunk.length);
        }
        return new Leaf(VerifiedBlock.hash(options.cidVersion(), Multicodec.DAG_PB, LeafBlock.encode(type, chunk)),
                chunk.length);
    }

    /** Writes a prepared leaf to the sink. */
    Imported store(Leaf leaf) throws IOException {
        sink.put(leaf.block());
        return new Imported(leaf.block().cid(), leaf.size(), leaf.block().data().length);
    }

    /** A leaf made but not yet stored: its block (hashed), and the file bytes it holds. */
    record Leaf(VerifiedBlock block, long size) {
    }

    /** A file node over its children, declaring each child's file size. */
    public Imported file(List<Imported> children) throws IOException {
        List<PbLink> links = new ArrayList<>(children.size());
        List<Long> sizes = new ArrayList<>(children.size());
        long size = 0;
        long tsize = 0;
        for (Imported child : children) {
            links.add(new PbLink(child.cid(), "", child.tsize()));
            sizes.add(child.size());
            size += child.size();
            tsize += child.tsize();
        }
        return store(new PbNode(links, UnixfsData.file(null, size, sizes).encode()), size, tsize);
    }

    /** A directory or HAMT shard node: the given links (sorted by name) under the given UnixFS data. */
    public Imported node(List<PbLink> links, UnixfsData data) throws IOException {
        long tsize = 0;
        for (PbLink link : links) {
            tsize += link.tsize();
        }
        return store(new PbNode(links, data.encode()), 0, tsize);
    }

    private Imported store(PbNode node, long size, long childrenTsize) throws IOException {
        return store(DagPb.encode(node), size, childrenTsize);
    }

    private Imported store(byte[] block, long size, long childrenTsize) throws IOException {
        VerifiedBlock made = VerifiedBlock.hash(options.cidVersion(), Multicodec.DAG_PB, block);
        sink.put(made);
        return new Imported(made.cid(), size, block.length + childrenTsize);
    }
}
