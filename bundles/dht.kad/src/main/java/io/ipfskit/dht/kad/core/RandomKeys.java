package io.ipfskit.dht.kad.core;

import java.util.random.RandomGenerator;

/**
 * Lookup targets for refreshing a bucket: peer-id-shaped keys (a SHA-256 multihash of random bytes, what go's refresh
 * sends) whose point shares exactly a given number of leading bits with ours, found by trying random digests (about
 * 2^(cpl+1) hashes, so callers keep cpl small, as go keeps it at most 15).
 */
public final class RandomKeys {

    /** The largest common prefix length asked for (go's maxCplForRefresh). */
    public static final int MAX_CPL = 15;

    private RandomKeys() {
    }

    /** A key whose point shares exactly {@code cpl} (at most {@link #MAX_CPL}) leading bits with {@code self}. */
    public static byte[] withPrefix(Key self, int cpl, RandomGenerator random) {
        if (cpl < 0 || cpl > MAX_CPL) {
            throw new IllegalArgumentException("common prefix length " + cpl + " outside 0.." + MAX_CPL);
        }
        byte[] key = new byte[34];
        key[0] = 0x12;
        key[1] = 0x20;
        while (true) {
            for (int i = 2; i < key.length; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < key.length; j++) {
                    key[i + j] = (byte) (r >>> (8 * j));
                }
            }
            if (self.commonPrefixLength(Key.of(key)) == cpl) {
                return key;
            }
        }
    }
}
