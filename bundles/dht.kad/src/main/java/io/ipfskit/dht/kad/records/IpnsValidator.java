package io.ipfskit.dht.kad.records;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /ipns/<peer id bytes>} namespace, as the IPNS record spec verifies: at most 10 KiB; signatureV2 over
 * {@code "ipns-signature:"} and the CBOR {@code data}, checked with the record's own public key (which must be the
 * name's), else the key inlined in the name, else a key known locally ({@code /pk} record or identify); legacy V1
 * fields equal to the signed ones; validity type 0 and not yet expired. The best of several: the highest sequence,
 * then the latest end of validity.
 */
public final class IpnsValidator implements RecordValidator {

    /** The namespace prefix. */
    public static final String PREFIX = "/ipns/";

    private static final byte[] SIGNATURE_PREFIX = "ipns-signature:".getBytes(StandardCharsets.US_ASCII);

    /** Finds the public key of a peer whose id does not inline it (RSA, large ECDSA). */
    @FunctionalInterface
    public interface KeyLookup {
        /** The peer's public key if known locally. */
        Optional<PublicKey> publicKey(PeerId peer);
    }

    private final KeyLookup keys;

    /** A validator finding non-inlined keys through {@code keys}. */
    public IpnsValidator(KeyLookup keys) {
        this.keys = keys;
    }

    @Override
    public void validate(byte[] key, byte[] value, long now) throws InvalidRecordException {
        PeerId name = name(key);
        IpnsRecord record = IpnsRecord.parse(value);
        PublicKey publicKey = publicKey(name, record);
        byte[] signed = new byte[SIGNATURE_PREFIX.length + record.data.length];
        System.arraycopy(SIGNATURE_PREFIX, 0, signed, 0, SIGNATURE_PREFIX.length);
        System.arraycopy(record.data, 0, signed, SIGNATURE_PREFIX.length, record.data.length);
        if (!publicKey.verify(signed, record.signatureV2)) {
            throw new InvalidRecordException("IPNS signatureV2 does not verify");
        }
        if (!record.v1Matches()) {
            throw new InvalidRecordException("IPNS V1 fields differ from the signed data");
        }
        if (!record.eol().isAfter(Instant.ofEpochMilli(now))) {
            throw new InvalidRecordException("IPNS record expired at " + record.eol());
        }
    }

    @Override
    public int select(byte[] key, List<byte[]> values) {
        int best = -1;
        IpnsRecord bestRecord = null;
        for (int i = 0; i < values.size(); i++) {
            IpnsRecord r;
            try {
                r = IpnsRecord.parse(values.get(i));
                r.eol();
            } catch (InvalidRecordException e) {
                continue;
            }
            if (bestRecord == null || better(r, bestRecord)) {
                best = i;
                bestRecord = r;
            }
        }
        return Math.max(best, 0);
    }

    private static boolean better(IpnsRecord a, IpnsRecord b) {
        int bySequence = Long.compareUnsigned(a.sequence, b.sequence);
        if (bySequence != 0) {
            return bySequence > 0;
        }
        try {
            return a.eol().isAfter(b.eol());
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    private PublicKey publicKey(PeerId name, IpnsRecord record) throws InvalidRecordException {
        if (record.pubKey != null) {
            PublicKey embedded;
            try {
                embedded = PublicKey.unmarshal(record.pubKey);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("IPNS pubKey is not a public key: " + e.getMessage());
            }
            if (!name.matches(embedded)) {
                throw new InvalidRecordException("IPNS pubKey is not the key of " + name);
            }
            return embedded;
        }
        return name.extractPublicKey().or(() -> keys.publicKey(name).filter(name::matches))
                .orElseThrow(() -> new InvalidRecordException("no public key known for " + name));
    }

    private static PeerId name(byte[] key) throws InvalidRecordException {
        try {
            return PeerId.fromBytes(Arrays.copyOfRange(key, PREFIX.length(), key.length));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("/ipns key does not name a peer: " + e.getMessage());
        }
    }
}
