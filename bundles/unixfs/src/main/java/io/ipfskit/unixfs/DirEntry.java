package io.ipfskit.unixfs;

import io.ipfskit.multiformats.Cid;

/** One entry of a UnixFS directory: its name, its CID and its cumulative DAG size. */
public record DirEntry(String name, Cid cid, long tsize) {
}
