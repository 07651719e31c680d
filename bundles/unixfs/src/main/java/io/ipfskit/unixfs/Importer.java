package io.ipfskit.unixfs;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.unixfs.internal.Balanced;
import io.ipfskit.unixfs.internal.Chunks;
import io.ipfskit.unixfs.internal.Hamt;
import io.ipfskit.unixfs.internal.Nodes;
import io.ipfskit.unixfs.internal.Trickle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Imports files and directories as UnixFS DAGs exactly as {@code ipfs add} does with the same options, streaming:
 * memory use is one chunk plus one pending link list per tree level, whatever the file size.
 */
public final class Importer {

    /** Directory size estimate (names plus CIDs) above which kubo shards a directory into a HAMT. */
    public static final int HAMT_THRESHOLD = 262144;

    /** Orders directory entries by the UTF-8 bytes of their names, as dag-pb requires. */
    public static final Comparator<String> NAME_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Nodes nodes;

    /** An importer with the given options writing every block to the sink. */
    public Importer(ImportOptions options, BlockSink sink) {
        this.nodes = new Nodes(options, sink);
    }

    /** Imports a file's bytes, reading the stream to its end (the caller closes it). */
    public Imported file(InputStream in) throws IOException {
        Chunks chunks = new Chunks(in, nodes.options().chunkSize());
        return nodes.options().trickle() ? Trickle.build(chunks, nodes) : Balanced.build(chunks, nodes);
    }

    /** Makes a directory of named entries, HAMT-sharded as kubo does once names plus CIDs exceed {@link #HAMT_THRESHOLD} bytes. */
    public Imported directory(Map<String, Imported> entries) throws IOException {
        TreeMap<String, Imported> sorted = new TreeMap<>(NAME_ORDER);
        sorted.putAll(entries);
        List<PbLink> links = new ArrayList<>(sorted.size());
        long estimate = 0;
        for (Map.Entry<String, Imported> entry : sorted.entrySet()) {
            checkName(entry.getKey());
            estimate += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().cid().bytes().length;
            links.add(new PbLink(entry.getValue().cid(), entry.getKey(), entry.getValue().tsize()));
        }
        return estimate > HAMT_THRESHOLD ? Hamt.build(sorted, nodes) : nodes.node(links, UnixfsData.directory());
    }

    /** Makes a symbolic link node holding its target path, as kubo stores symlinks. */
    public Imported symlink(String target) throws IOException {
        return nodes.node(List.of(), new UnixfsData(UnixfsData.Type.SYMLINK, target.getBytes(StandardCharsets.UTF_8), -1,
                List.of(), -1, -1));
    }

    /** Wraps one entry in a directory, as {@code --wrap-with-directory}. */
    public Imported wrap(String name, Imported entry) throws IOException {
        return directory(Map.of(name, entry));
    }

    /**
     * Imports a regular file, a symbolic link (as a link, not followed) or a directory tree; like {@code ipfs add -r},
     * entries whose name starts with a dot are skipped unless {@code hidden}.
     */
    public Imported path(Path path, boolean hidden) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return symlink(Files.readSymbolicLink(path).toString());
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(path)) {
                return file(in);
            }
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("neither a regular file, a symbolic link nor a directory: " + path);
        }
        Map<String, Imported> entries = new TreeMap<>(NAME_ORDER);
        try (Stream<Path> children = Files.list(path)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (hidden || !name.startsWith(".")) {
                    entries.put(name, path(child, hidden));
                }
            }
        }
        return directory(entries);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid directory entry name \"" + name + "\"");
        }
    }
}
