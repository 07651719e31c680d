package io.ipfskit.protocol.bitswap.message;

import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The prefix a 1.1.0+ block travels with: CID version, content codec, hash function and digest length, four uvarints.
 * With the block's bytes it gives the block's CID; nothing else about the CID is taken from the wire.
 */
public record CidPrefix(int version, long codec, int hashFunction, int hashLength) {

    private static final int SHA2_256_LENGTH = 32;

    /** The prefix of a CID. */
    public static CidPrefix of(Cid cid) {
        Multihash multihash = cid.multihash();
        return new CidPrefix(cid.version(), cid.codec(), multihash.code(), multihash.digest().length);
    }

    /** The four uvarints. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8);
        out.writeBytes(Varint.encode(version));
        out.writeBytes(Varint.encode(codec));
        out.writeBytes(Varint.encode(hashFunction));
        out.writeBytes(Varint.encode(hashLength));
        return out.toByteArray();
    }

    /** Reads the four uvarints, which must fill the array and describe a CID we could form. */
    public static CidPrefix decode(byte[] bytes) throws MalformedMessageException {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            long version = Varint.read(in);
            long codec = Varint.read(in);
            long function = Varint.read(in);
            long length = Varint.read(in);
            if (in.hasRemaining()) {
                throw new MalformedMessageException(in.remaining() + " bytes after a CID prefix");
            }
            if (version > 1 || function > Integer.MAX_VALUE || length > Multihash.MAX_DIGEST_LENGTH) {
                throw new MalformedMessageException("CID prefix out of range: version " + version + ", hash function "
                        + function + ", digest length " + length);
            }
            if (version == 0 && (codec != Multicodec.DAG_PB || function != Multicodec.SHA2_256 || length != SHA2_256_LENGTH)) {
                throw new MalformedMessageException("a CIDv0 prefix must be dag-pb with a 32-byte sha2-256");
            }
            return new CidPrefix((int) version, codec, (int) function, (int) length);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("malformed CID prefix: " + e.getMessage());
        }
    }

    /** The CID the block has under this prefix ({@link #blockOf}). */
    public Cid cidOf(byte[] data) {
        return blockOf(data).cid();
    }

    /**
     * Hashes the block with the prefix's function and names it with the CID it has; IllegalArgumentException when the
     * function is not supported or the prefix asks for a digest length the function does not give.
     */
    public VerifiedBlock blockOf(byte[] data) {
        VerifiedBlock block;
        try {
            block = VerifiedBlock.hash(version, codec, hashFunction, data);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (block.cid().multihash().digest().length != hashLength) {
            throw new IllegalArgumentException("a prefix asking for a " + hashLength + "-byte digest of hash function 0x"
                    + Integer.toHexString(hashFunction));
        }
        return block;
    }
}
