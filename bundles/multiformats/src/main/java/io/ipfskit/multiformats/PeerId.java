package io.ipfskit.multiformats;

import io.ipfskit.multiformats.keys.PublicKey;
import java.util.Optional;

/**
 * A libp2p peer id: the identity multihash of a marshalled public key of at most 42 bytes, or
 * else its sha2-256 multihash; equal by multihash.
 */
public final class PeerId {

    /** The longest marshalled public key that is inlined with the identity multihash. */
    public static final int MAX_INLINE_KEY_LENGTH = 42;

    private final Multihash multihash;
    private final PublicKey publicKey;

    private PeerId(Multihash multihash) {
        this.multihash = multihash;
        this.publicKey = switch (multihash.code()) {
            case Multicodec.SHA2_256 -> null;
            case Multicodec.IDENTITY -> inlinedKey(multihash.digest());
            default -> throw new IllegalArgumentException("a peer id is an identity or sha2-256 multihash, not 0x"
                + Integer.toHexString(multihash.code()));
        };
    }

    private static PublicKey inlinedKey(byte[] marshalled) {
        if (marshalled.length > MAX_INLINE_KEY_LENGTH) {
            throw new IllegalArgumentException("identity peer id inlines " + marshalled.length + " bytes, more than "
                + MAX_INLINE_KEY_LENGTH);
        }
        return PublicKey.unmarshal(marshalled);
    }

    /** Returns the peer id of a public key. */
    public static PeerId fromPublicKey(PublicKey key) {
        byte[] marshalled = key.marshal();
        return new PeerId(marshalled.length <= MAX_INLINE_KEY_LENGTH ? Multihash.identity(marshalled) : Multihash.sha256(marshalled));
    }

    /** Returns the peer id of a binary multihash (identity of a valid key, or sha2-256). */
    public static PeerId fromBytes(byte[] multihash) {
        return new PeerId(Multihash.decode(multihash));
    }

    /** Returns the peer id of a multihash (identity of a valid key, or sha2-256). */
    public static PeerId of(Multihash multihash) {
        return new PeerId(multihash);
    }

    /**
     * Parses text: a base58btc multihash ("Qm...", "12D3KooW...", "16U...") or a CIDv1 with the
     * libp2p-key codec in any supported multibase.
     */
    public static PeerId parse(String text) {
        if (text.startsWith("1") || text.startsWith("Qm")) {
            return fromBytes(Base58.decode(text));
        }
        Cid cid = Cid.parse(text);
        if (cid.codec() != Multicodec.LIBP2P_KEY) {
            throw new IllegalArgumentException("a peer id CID has the libp2p-key codec, not 0x" + Long.toHexString(cid.codec()));
        }
        return new PeerId(cid.multihash());
    }

    /** Returns the multihash. */
    public Multihash multihash() {
        return multihash;
    }

    /** Returns a copy of the binary form (the multihash bytes). */
    public byte[] bytes() {
        return multihash.bytes();
    }

    /** Returns the inlined public key of an identity peer id; empty for a hashed one. */
    public Optional<PublicKey> extractPublicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** Tells whether this is the peer id of the key. */
    public boolean matches(PublicKey key) {
        return equals(fromPublicKey(key));
    }

    /** Returns the legacy text form: the base58btc multihash. */
    public String toBase58() {
        return Base58.encode(multihash.bytes());
    }

    /** Returns the CID text form: CIDv1, libp2p-key codec, base32. */
    public String toCidString() {
        return Cid.v1(Multicodec.LIBP2P_KEY, multihash).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId other && multihash.equals(other.multihash);
    }

    @Override
    public int hashCode() {
        return multihash.hashCode();
    }

    /** Same as {@link #toBase58()}. */
    @Override
    public String toString() {
        return toBase58();
    }
}
