package io.ipfskit.codec.dagpb;

import java.util.List;

/** A dag-pb node: its links in encoded order and its data bytes ({@code null} when absent). */
public record PbNode(List<PbLink> links, byte[] data) {

    /** Copies the link list so the node stays immutable. */
    public PbNode {
        links = List.copyOf(links);
    }
}
