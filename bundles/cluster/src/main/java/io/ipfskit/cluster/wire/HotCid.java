package io.ipfskit.cluster.wire;

import io.ipfskit.multiformats.Cid;

/** A CID and how hot it is on the peer that reports it (the tiered blockstore's heat). */
public record HotCid(Cid cid, double heat) {
}
