package io.ipfskit.multiformats;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A self-describing hash: function code plus digest, equal by its encoded bytes; digests are at
 * most {@link #MAX_DIGEST_LENGTH} bytes and have the exact length of the known functions.
 */
public final class Multihash {

    /** The longest digest accepted, in bytes (also the largest identity multihash payload). */
    public static final int MAX_DIGEST_LENGTH = 128;

    private final int code;
    private final byte[] bytes;
    private final int digestOffset;

    private Multihash(int code, byte[] digest) {
        if (code < 0) {
            throw new IllegalArgumentException("negative multihash code " + code);
        }
        if (digest.length > MAX_DIGEST_LENGTH) {
            throw new IllegalArgumentException("multihash digest of " + digest.length + " bytes exceeds " + MAX_DIGEST_LENGTH);
        }
        int expected = digestLength(code);
        if (expected >= 0 && digest.length != expected) {
            throw new IllegalArgumentException(Multicodec.name(code) + " digest must be " + expected + " bytes, not " + digest.length);
        }
        this.code = code;
        this.digestOffset = Varint.size(code) + Varint.size(digest.length);
        ByteBuffer out = ByteBuffer.allocate(digestOffset + digest.length);
        out.put(Varint.encode(code)).put(Varint.encode(digest.length)).put(digest);
        this.bytes = out.array();
    }

    /** Returns the multihash of a digest already computed with the function {@code code}. */
    public static Multihash of(int code, byte[] digest) {
        return new Multihash(code, digest.clone());
    }

    /** Hashes data with a supported function: identity, sha2-256, sha2-512 or blake2b-256. */
    public static Multihash compute(int code, byte[] data) {
        return new Multihash(code, hash(code, data));
    }

    /** Returns the sha2-256 multihash of the data. */
    public static Multihash sha256(byte[] data) {
        return compute(Multicodec.SHA2_256, data);
    }

    /** Returns the identity multihash of the data (at most {@link #MAX_DIGEST_LENGTH} bytes). */
    public static Multihash identity(byte[] data) {
        return compute(Multicodec.IDENTITY, data);
    }

    /** Decodes the binary form, which must fill the whole array. */
    public static Multihash decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Multihash multihash = read(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the multihash");
        }
        return multihash;
    }

    /** Reads one multihash in binary form and advances the position past it. */
    public static Multihash read(ByteBuffer in) {
        long code = Varint.read(in);
        if (code > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("multihash code 0x" + Long.toHexString(code) + " out of range");
        }
        long length = Varint.read(in);
        if (length > MAX_DIGEST_LENGTH) {
            throw new IllegalArgumentException("multihash digest of " + length + " bytes exceeds " + MAX_DIGEST_LENGTH);
        }
        if (length > in.remaining()) {
            throw new IllegalArgumentException("truncated multihash: digest of " + length + " bytes, " + in.remaining() + " left");
        }
        byte[] digest = new byte[(int) length];
        in.get(digest);
        return new Multihash((int) code, digest);
    }

    /** Returns the hash function code. */
    public int code() {
        return code;
    }

    /** Returns a copy of the digest. */
    public byte[] digest() {
        return Arrays.copyOfRange(bytes, digestOffset, bytes.length);
    }

    /** Returns a copy of the binary form. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The binary form's length in bytes. */
    int length() {
        return bytes.length;
    }

    /** Writes the binary form into a buffer. */
    void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /**
     * Tells whether the data hashes to this digest; throws {@link UnsupportedOperationException}
     * for a function other than identity, sha2-256, sha2-512 and blake2b-256.
     */
    public boolean matches(byte[] data) {
        if (code == Multicodec.IDENTITY && data.length > MAX_DIGEST_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(hash(code, data), digest());
    }

    private static byte[] hash(int code, byte[] data) {
        return switch (code) {
            case Multicodec.IDENTITY -> data.clone();
            case Multicodec.SHA2_256 -> jdk("SHA-256", data);
            case Multicodec.SHA2_512 -> jdk("SHA-512", data);
            case Multicodec.BLAKE2B_256 -> Blake2b.hash(data, 32);
            default -> throw new UnsupportedOperationException("unsupported hash function 0x" + Integer.toHexString(code));
        };
    }

    private static byte[] jdk(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** The digest length of a known fixed-length function, or -1. */
    private static int digestLength(int code) {
        return switch (code) {
            case Multicodec.SHA2_256, Multicodec.BLAKE2B_256 -> 32;
            case Multicodec.SHA2_512 -> 64;
            default -> -1;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Returns the hex of the binary form. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
