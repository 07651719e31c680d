package io.ipfskit.unixfs;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.internal.FileStream;
import io.ipfskit.unixfs.internal.Hamt;
import io.ipfskit.unixfs.internal.Murmur3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Reads UnixFS content back: file bytes as a stream (any offset and length), sizes, directory listings, paths. */
public final class Exporter {

    private final BlockSource source;

    /** An exporter reading blocks from the source. */
    public Exporter(BlockSource source) {
        this.source = source;
    }

    /** The block's bytes, verified against the CID; {@link NoSuchElementException} when missing. */
    public byte[] block(Cid cid) throws IOException {
        byte[] block = source.get(cid).orElseThrow(() -> new NoSuchElementException("block not found: " + cid));
        if (!cid.verify(block)) {
            throw new IOException("block does not match its CID: " + cid);
        }
        return block;
    }

    /** Tells the source these blocks will be read soon, in this order. */
    public void prefetch(List<Cid> cids) {
        source.prefetch(cids);
    }

    /** The file's size in bytes; {@link IllegalArgumentException} when the CID is not a UnixFS file. */
    public long size(Cid cid) throws IOException {
        if (cid.codec() == Multicodec.RAW) {
            return block(cid).length;
        }
        return FileStream.fileSize(cid, unixfs(cid, pbNode(cid)));
    }

    /** Streams {@code length} bytes (all remaining when negative) of the file from {@code offset}. */
    public InputStream cat(Cid cid, long offset, long length) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        long size = size(cid);
        long start = Math.min(offset, size);
        long count = length < 0 ? size - start : Math.min(length, size - start);
        return new FileStream(this, cid, start, count);
    }

    /** The entries of a directory, plain or HAMT-sharded, in their stored order. */
    public List<DirEntry> ls(Cid cid) throws IOException {
        PbNode node = pbNode(cid);
        UnixfsData data = unixfs(cid, node);
        List<DirEntry> entries = new ArrayList<>(node.links().size());
        if (data.type() == UnixfsData.Type.HAMT_SHARD) {
            listShard(cid, node, data, 0, entries);
            return entries;
        }
        if (data.type() != UnixfsData.Type.DIRECTORY) {
            throw new IllegalArgumentException("not a directory: " + cid);
        }
        return entries(node);
    }

    /**
     * The chunks of a UnixFS file, as kubo's {@code ls} lists a file: none for a raw or single-block file (read all the
     * same, so a missing one is {@link NoSuchElementException}, as kubo's).
     */
    public List<DirEntry> chunks(Cid cid) throws IOException {
        if (cid.codec() != Multicodec.DAG_PB) {
            block(cid);
            return List.of();
        }
        PbNode node = pbNode(cid);
        unixfs(cid, node);
        return entries(node);
    }

    private static List<DirEntry> entries(PbNode node) {
        List<DirEntry> entries = new ArrayList<>(node.links().size());
        for (PbLink link : node.links()) {
            entries.add(new DirEntry(link.name() == null ? "" : link.name(), link.hash(), Math.max(0, link.tsize())));
        }
        return entries;
    }

    /** Whether the CID names a UnixFS directory, plain or HAMT-sharded. */
    public boolean isDirectory(Cid cid) throws IOException {
        if (cid.codec() != Multicodec.DAG_PB) {
            return false;
        }
        UnixfsData.Type type = unixfs(cid, pbNode(cid)).type();
        return type == UnixfsData.Type.DIRECTORY || type == UnixfsData.Type.HAMT_SHARD;
    }

    /** The target of a UnixFS symbolic link, or empty when the CID names something else. */
    public Optional<String> symlinkTarget(Cid cid) throws IOException {
        if (cid.codec() != Multicodec.DAG_PB) {
            return Optional.empty();
        }
        UnixfsData data = unixfs(cid, pbNode(cid));
        if (data.type() != UnixfsData.Type.SYMLINK) {
            return Optional.empty();
        }
        return Optional.of(new String(data.data() == null ? new byte[0] : data.data(), StandardCharsets.UTF_8));
    }

    /** Follows a slash-separated path of entry names from a directory; {@link NoSuchElementException} when absent. */
    public Cid resolve(Cid root, String path) throws IOException {
        Cid current = root;
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                current = lookup(current, name);
            }
        }
        return current;
    }

    private Cid lookup(Cid directory, String name) throws IOException {
        PbNode node = pbNode(directory);
        UnixfsData data = unixfs(directory, node);
        if (data.type() == UnixfsData.Type.DIRECTORY) {
            for (PbLink link : node.links()) {
                if (name.equals(link.name())) {
                    return link.hash();
                }
            }
        } else if (data.type() == UnixfsData.Type.HAMT_SHARD) {
            byte[] slots = Hamt.slotsOf(name);
            Cid shard = directory;
            for (int depth = 0; shard != null; depth++) {
                checkShard(shard, data, depth);
                String prefix = Hamt.prefix(slots[depth] & 0xFF);
                Cid next = null;
                for (PbLink link : node.links()) {
                    if ((prefix + name).equals(link.name())) {
                        return link.hash();
                    }
                    if (prefix.equals(link.name())) {
                        next = link.hash();
                    }
                }
                shard = next;
                if (next != null) {
                    node = pbNode(next);
                    data = unixfs(next, node);
                }
            }
        } else {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        throw new NoSuchElementException("no link named \"" + name + "\" under " + directory);
    }

    private void listShard(Cid cid, PbNode node, UnixfsData data, int depth, List<DirEntry> out) throws IOException {
        checkShard(cid, data, depth);
        for (PbLink link : node.links()) {
            String name = link.name() == null ? "" : link.name();
            if (name.length() < 2) {
                throw new IllegalArgumentException("HAMT: link without a slot prefix in " + cid);
            }
            if (name.length() == 2) {
                PbNode child = pbNode(link.hash());
                listShard(link.hash(), child, unixfs(link.hash(), child), depth + 1, out);
            } else {
                out.add(new DirEntry(name.substring(2), link.hash(), Math.max(0, link.tsize())));
            }
        }
    }

    private static void checkShard(Cid cid, UnixfsData data, int depth) {
        if (data.type() != UnixfsData.Type.HAMT_SHARD || data.fanout() != Hamt.FANOUT
                || data.hashType() != Murmur3.MURMUR3_X64_64 || depth >= Hamt.MAX_DEPTH) {
            throw new IllegalArgumentException("unsupported HAMT shard (fanout " + data.fanout() + ", hash 0x"
                    + Long.toHexString(data.hashType()) + ", depth " + depth + "): " + cid);
        }
    }

    /** The UnixFS data of a decoded dag-pb node; {@link IllegalArgumentException} when it has none. */
    public static UnixfsData unixfs(Cid cid, PbNode node) {
        if (node.data() == null) {
            throw new IllegalArgumentException("dag-pb node without UnixFS data: " + cid);
        }
        return UnixfsData.decode(node.data());
    }

    private PbNode pbNode(Cid cid) throws IOException {
        if (cid.codec() != Multicodec.DAG_PB) {
            throw new IllegalArgumentException("not a UnixFS node (codec " + "0x" + Long.toHexString(cid.codec()) + "): " + cid);
        }
        return DagPb.decode(block(cid));
    }
}
