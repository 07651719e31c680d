package io.ipfskit.multiformats;

/** Codes of the multicodec table used by this stack (hash functions and IPLD codecs). */
public final class Multicodec {

    /** identity multihash: the digest is the data itself. */
    public static final int IDENTITY = 0x00;
    /** sha2-256 multihash. */
    public static final int SHA2_256 = 0x12;
    /** sha2-512 multihash. */
    public static final int SHA2_512 = 0x13;
    /** blake2b-256 multihash. */
    public static final int BLAKE2B_256 = 0xb220;
    /** raw binary IPLD codec. */
    public static final int RAW = 0x55;
    /** dag-pb (MerkleDAG protobuf) IPLD codec. */
    public static final int DAG_PB = 0x70;
    /** dag-cbor IPLD codec. */
    public static final int DAG_CBOR = 0x71;
    /** dag-json IPLD codec. */
    public static final int DAG_JSON = 0x0129;
    /** libp2p public key codec, used by peer ids written as CIDs. */
    public static final int LIBP2P_KEY = 0x72;

    private Multicodec() {
    }

    /** Returns the table name of a code listed here; throws for any other code. */
    public static String name(long code) {
        String name = code < 0 || code > Integer.MAX_VALUE ? null : switch ((int) code) {
            case IDENTITY -> "identity";
            case SHA2_256 -> "sha2-256";
            case SHA2_512 -> "sha2-512";
            case BLAKE2B_256 -> "blake2b-256";
            case RAW -> "raw";
            case DAG_PB -> "dag-pb";
            case DAG_CBOR -> "dag-cbor";
            case DAG_JSON -> "dag-json";
            case LIBP2P_KEY -> "libp2p-key";
            default -> null;
        };
        if (name == null) {
            throw new IllegalArgumentException("unknown multicodec 0x" + Long.toHexString(code));
        }
        return name;
    }
}
