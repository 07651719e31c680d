package io.ipfskit.dht.kad.records;

import java.util.List;

/** Validates the values of one key namespace and picks the best of several (libp2p's record Validator). */
public interface RecordValidator {

    /** Returns normally when the value may be stored and returned under the key at {@code now} (epoch ms). */
    void validate(byte[] key, byte[] value, long now) throws InvalidRecordException;

    /** The index of the best of several values, each valid under the key; the first among equals. */
    int select(byte[] key, List<byte[]> values);
}
