package io.ipfskit.dht.kad.core;

import io.ipfskit.multiformats.PeerId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A point of the DHT's keyspace: the SHA-256 of a key's bytes (a peer id's bytes for a peer), 256 bits held as four
 * words. The distance between two points is their XOR, ordered as an unsigned number.
 */
public final class Key {

    /** Bits in a key. */
    public static final int BITS = 256;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    });

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private Key(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** The point of a key's bytes. */
    public static Key of(byte[] key) {
        return ofDigest(SHA256.get().digest(key));
    }

    /** The point of a peer. */
    public static Key of(PeerId peer) {
        return of(peer.bytes());
    }

    /** The point whose 32 bytes are given (already hashed). */
    static Key ofDigest(byte[] digest) {
        ByteBuffer b = ByteBuffer.wrap(digest);
        return new Key(b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    /** The number of leading bits this point shares with another (256 for the same point). */
    public int commonPrefixLength(Key other) {
        long x;
        if ((x = w0 ^ other.w0) != 0) {
            return Long.numberOfLeadingZeros(x);
        }
        if ((x = w1 ^ other.w1) != 0) {
            return 64 + Long.numberOfLeadingZeros(x);
        }
        if ((x = w2 ^ other.w2) != 0) {
            return 128 + Long.numberOfLeadingZeros(x);
        }
        x = w3 ^ other.w3;
        return x != 0 ? 192 + Long.numberOfLeadingZeros(x) : BITS;
    }

    /** Negative, zero or positive as {@code a} is closer to this point than {@code b}, as close, or farther. */
    public int compareDistance(Key a, Key b) {
        int c = Long.compareUnsigned(a.w0 ^ w0, b.w0 ^ w0);
        if (c == 0) {
            c = Long.compareUnsigned(a.w1 ^ w1, b.w1 ^ w1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.w2 ^ w2, b.w2 ^ w2);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.w3 ^ w3, b.w3 ^ w3);
        }
        return c;
    }

    /** The 32 bytes of the point. */
    public byte[] bytes() {
        return ByteBuffer.allocate(32).putLong(w0).putLong(w1).putLong(w2).putLong(w3).array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.w0 == w0 && k.w1 == w1 && k.w2 == w2 && k.w3 == w3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(w0 ^ w1 ^ w2 ^ w3);
    }

    @Override
    public String toString() {
        return String.format("%016x%016x%016x%016x", w0, w1, w2, w3);
    }
}
