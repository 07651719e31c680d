package io.ipfskit.unixfs;

import io.ipfskit.multiformats.Cid;

/** One imported node: its CID, the file bytes below it, and its cumulative DAG size (what a parent link's Tsize holds). */
public record Imported(Cid cid, long size, long tsize) {
}
