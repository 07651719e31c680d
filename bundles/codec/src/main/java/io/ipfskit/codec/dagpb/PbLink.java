package io.ipfskit.codec.dagpb;

import io.ipfskit.multiformats.Cid;
import java.util.Objects;

/** A dag-pb link: target CID, name ({@code null} when absent) and cumulative size ({@code -1} when absent). */
public record PbLink(Cid hash, String name, long tsize) {

    /** Checks that the target is given and the size is absent or unsigned. */
    public PbLink {
        Objects.requireNonNull(hash, "hash");
        if (tsize < -1) {
            throw new IllegalArgumentException("dag-pb: negative Tsize");
        }
    }
}
