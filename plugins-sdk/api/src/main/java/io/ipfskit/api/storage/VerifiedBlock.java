package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;

/**
 * A block whose CID was computed from its bytes in this process: made only by hashing ({@link #hash}) or by checking
 * bytes against a claimed CID ({@link #check}), so a {@link Blockstore} stores it without hashing it again. Whoever
 * made it must not change the bytes afterwards.
 */
public final class VerifiedBlock {

    private final Cid cid;
    private final byte[] data;

    private VerifiedBlock(Cid cid, byte[] data) {
        this.cid = cid;
        this.data = data;
    }

    /** Hashes the bytes with sha2-256 and names them with a CID of the version (0: dag-pb only) and codec. */
    public static VerifiedBlock hash(int version, long codec, byte[] data) {
        return hash(version, codec, Multicodec.SHA2_256, data);
    }

    /**
     * Hashes the bytes with a multihash function ({@link Multihash#compute}: {@link UnsupportedOperationException} for
     * one it lacks) and names them with a CID of the version (0: dag-pb and sha2-256 only) and codec.
     */
    public static VerifiedBlock hash(int version, long codec, int hashFunction, byte[] data) {
        if (version == 0 && (codec != Multicodec.DAG_PB || hashFunction != Multicodec.SHA2_256)) {
            throw new IllegalArgumentException("a CIDv0 names sha2-256 dag-pb blocks only");
        }
        Multihash hash = Multihash.compute(hashFunction, data);
        return new VerifiedBlock(version == 0 ? Cid.v0(hash) : Cid.v1(codec, hash), data);
    }

    /**
     * Checks bytes received under a claimed CID (from a peer, a CAR file, a client) by hashing them once; throws
     * {@link InvalidBlockException} when they do not match or the CID's hash function is not supported.
     */
    public static VerifiedBlock check(Cid cid, byte[] data) {
        boolean matches;
        try {
            matches = cid.verify(data);
        } catch (UnsupportedOperationException e) {
            throw new InvalidBlockException("cannot verify " + cid + ": " + e.getMessage());
        }
        if (!matches) {
            throw new InvalidBlockException("block does not match its CID " + cid);
        }
        return new VerifiedBlock(cid, data);
    }

    /**
     * The same bytes under another CID of the same multihash (another version or codec: what was verified is the
     * multihash); {@link IllegalArgumentException} for a CID of another multihash.
     */
    public VerifiedBlock renamed(Cid other) {
        if (!other.multihash().equals(cid.multihash())) {
            throw new IllegalArgumentException(other + " names other bytes than " + cid);
        }
        return new VerifiedBlock(other, data);
    }

    /** The CID computed from, or checked against, the bytes. */
    public Cid cid() {
        return cid;
    }

    /** The block's bytes (not copied: not to be changed). */
    public byte[] data() {
        return data;
    }
}
