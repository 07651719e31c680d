package io.ipfskit.dht.kad.records;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.util.Arrays;
import java.util.List;

/** The {@code /pk/<multihash>} namespace: the value is a marshalled public key whose peer id is the key's multihash. */
public final class PublicKeyValidator implements RecordValidator {

    /** The namespace prefix. */
    public static final String PREFIX = "/pk/";

    @Override
    public void validate(byte[] key, byte[] value, long now) throws InvalidRecordException {
        PeerId id = peer(key);
        PublicKey publicKey;
        try {
            publicKey = PublicKey.unmarshal(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("/pk value is not a public key: " + e.getMessage());
        }
        if (!id.matches(publicKey)) {
            throw new InvalidRecordException("/pk value is the key of another peer than " + id);
        }
    }

    /** Every valid value under a key is the same key: the first wins. */
    @Override
    public int select(byte[] key, List<byte[]> values) {
        return 0;
    }

    /** The peer a {@code /pk/} key names. */
    static PeerId peer(byte[] key) throws InvalidRecordException {
        try {
            return PeerId.fromBytes(Arrays.copyOfRange(key, PREFIX.length(), key.length));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("/pk key does not name a peer: " + e.getMessage());
        }
    }
}
