package io.ipfskit.api.kit;

import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The node's content API, as kubo's {@code add}, {@code cat}, {@code get}, {@code ls}, {@code pin} and
 * {@code repo stat}: content is streamed, never held whole in memory; an absent block or path is a
 * {@link java.nio.file.NoSuchFileException}, a path through a file a {@link java.nio.file.NotDirectoryException}.
 */
public interface IpfsKit {

    /** Adds the bytes as one file with {@link AddOptions#DEFAULTS} and pins it recursively. */
    Cid add(byte[] data) throws IOException;

    /** Adds a stream (read to its end, not closed) as one file and pins it; wrapping needs a name, so is refused. */
    Cid add(InputStream in, AddOptions options) throws IOException;

    /** Adds a file, or a directory recursively (skipping hidden entries, as {@code ipfs add -r}), and pins it. */
    Cid add(Path path) throws IOException;

    /** Adds a file or directory tree with the given options and pins the root it reports. */
    Cid add(Path path, AddOptions options) throws IOException;

    /** The bytes of a file. */
    InputStream cat(Cid cid) throws IOException;

    /** {@code length} bytes (all remaining when negative) of a file from {@code offset}. */
    InputStream cat(Cid cid, long offset, long length) throws IOException;

    /** Writes a file, symbolic link or directory tree to {@code target}, which must not exist yet. */
    void get(Cid cid, Path target) throws IOException;

    /** The entries of a directory, in their stored order. */
    List<DirectoryEntry> ls(Cid cid) throws IOException;

    /** The entry a slash-separated path of names below {@code root} leads to (named "" for the root itself). */
    DirectoryEntry resolve(Cid root, String path) throws IOException;

    /** Pins a root, with the DAG below it when {@code recursive}. */
    void pin(Cid cid, boolean recursive) throws IOException;

    /** Removes a pin; returns whether the root was pinned. */
    boolean unpin(Cid cid) throws IOException;

    /** The repository's block count and size. */
    RepoStat stat() throws IOException;
}
