package io.ipfskit.multiformats;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A content identifier, version 0 (a bare sha2-256 multihash of dag-pb) or 1 (codec plus
 * multihash), equal and ordered by its binary form.
 */
public final class Cid implements Comparable<Cid> {

    private static final int V0_LENGTH = 34;
    private static final int V0_TEXT_LENGTH = 46;

    private final int version;
    private final long codec;
    private final Multihash multihash;
    private final byte[] bytes;

    private Cid(int version, long codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
        if (version == 0) {
            this.bytes = multihash.bytes();
        } else {
            ByteBuffer out = ByteBuffer.allocate(1 + Varint.size(codec) + multihash.length());
            out.put((byte) 1).put(Varint.encode(codec));
            multihash.writeTo(out);
            this.bytes = out.array();
        }
    }

    /** Returns the CIDv0 of a dag-pb block's sha2-256 multihash. */
    public static Cid v0(Multihash multihash) {
        if (multihash.code() != Multicodec.SHA2_256) {
            throw new IllegalArgumentException("CIDv0 needs a sha2-256 multihash, not 0x" + Integer.toHexString(multihash.code()));
        }
        return new Cid(0, Multicodec.DAG_PB, multihash);
    }

    /** Returns the CIDv1 of a codec and a multihash. */
    public static Cid v1(long codec, Multihash multihash) {
        if (codec < 0) {
            throw new IllegalArgumentException("negative codec " + codec);
        }
        return new Cid(1, codec, multihash);
    }

    /** Parses text: a 46-character "Qm..." CIDv0, or a CIDv1 in any supported multibase. */
    public static Cid parse(String text) {
        if (text.length() == V0_TEXT_LENGTH && text.startsWith("Qm")) {
            byte[] data = Base58.decode(text);
            if (!isV0(data)) {
                throw new IllegalArgumentException("not a CIDv0: " + text);
            }
            return decode(data);
        }
        byte[] data = Multibase.decode(text);
        if (isV0(data)) {
            throw new IllegalArgumentException("a CIDv0 has no multibase form: " + Multibase.abbreviate(text));
        }
        return decode(data);
    }

    /** Decodes the binary form, which must fill the whole array. */
    public static Cid decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Cid cid = read(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the CID");
        }
        return cid;
    }

    /** Reads one CID in binary form and advances the position past it. */
    public static Cid read(ByteBuffer in) {
        if (in.remaining() >= 2 && in.get(in.position()) == Multicodec.SHA2_256 && in.get(in.position() + 1) == 32) {
            return v0(Multihash.read(in));
        }
        long version = Varint.read(in);
        if (version != 1) {
            throw new IllegalArgumentException("unsupported CID version " + version);
        }
        long codec = Varint.read(in);
        return v1(codec, Multihash.read(in));
    }

    private static boolean isV0(byte[] data) {
        return data.length == V0_LENGTH && data[0] == Multicodec.SHA2_256 && data[1] == 32;
    }

    /** Returns the version, 0 or 1. */
    public int version() {
        return version;
    }

    /** Returns the content codec (dag-pb for version 0). */
    public long codec() {
        return codec;
    }

    /** Returns the multihash of the content. */
    public Multihash multihash() {
        return multihash;
    }

    /** Returns a copy of the binary form. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the version 1 form of this CID. */
    public Cid toV1() {
        return version == 1 ? this : new Cid(1, codec, multihash);
    }

    /** Returns the version 0 form; throws {@link IllegalStateException} unless dag-pb with sha2-256. */
    public Cid toV0() {
        if (codec != Multicodec.DAG_PB || multihash.code() != Multicodec.SHA2_256) {
            throw new IllegalStateException("only a dag-pb sha2-256 CID has a version 0 form: " + this);
        }
        return version == 0 ? this : v0(multihash);
    }

    /** Tells whether a block's bytes hash to this CID's multihash. */
    public boolean verify(byte[] block) {
        return multihash.matches(block);
    }

    /** Returns the text in a multibase; throws {@link IllegalStateException} for a CIDv0. */
    public String toString(Multibase base) {
        if (version == 0) {
            throw new IllegalStateException("a CIDv0 has no multibase form; use toV1()");
        }
        return base.encode(bytes);
    }

    /** Returns base58btc text for version 0, base32 multibase text for version 1. */
    @Override
    public String toString() {
        return version == 0 ? Base58.encode(bytes) : toString(Multibase.BASE32);
    }

    @Override
    public int compareTo(Cid other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
