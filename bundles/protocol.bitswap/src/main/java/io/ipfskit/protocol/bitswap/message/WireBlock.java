package io.ipfskit.protocol.bitswap.message;

import io.ipfskit.multiformats.Cid;
import java.util.Objects;

/**
 * A block as it travels: its bytes and, from 1.1.0 on, the prefix of its CID; a 1.0.0 block has no prefix (null). The
 * CID is not trusted from the wire: a receiver derives it by hashing the bytes.
 */
public record WireBlock(CidPrefix prefix, byte[] data) {

    /** Checks that the bytes are present. */
    public WireBlock {
        Objects.requireNonNull(data, "data");
    }

    /** A block to send under its CID. */
    public static WireBlock of(Cid cid, byte[] data) {
        return new WireBlock(CidPrefix.of(cid), data);
    }
}
