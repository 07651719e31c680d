package io.ipfskit.dht.kad.records;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The validators by key namespace ({@code /pk/}, {@code /ipns/}): a key in any other namespace, or a value any
 * validator trips over, is invalid.
 */
public final class Validators implements RecordValidator {

    private final Map<String, RecordValidator> byPrefix;

    /** The validators of {@code /pk} and {@code /ipns}; IPNS finds keys it cannot inline through {@code keys}. */
    public Validators(IpnsValidator.KeyLookup keys) {
        this.byPrefix = Map.of(PublicKeyValidator.PREFIX, new PublicKeyValidator(), IpnsValidator.PREFIX,
                new IpnsValidator(keys));
    }

    @Override
    public void validate(byte[] key, byte[] value, long now) throws InvalidRecordException {
        RecordValidator validator = of(key);
        try {
            validator.validate(key, value, now);
        } catch (RuntimeException e) {
            throw new InvalidRecordException("unreadable record: " + e);
        }
    }

    @Override
    public int select(byte[] key, List<byte[]> values) {
        try {
            return of(key).select(key, values);
        } catch (InvalidRecordException e) {
            return 0;
        }
    }

    private RecordValidator of(byte[] key) throws InvalidRecordException {
        String text = new String(key, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, RecordValidator> e : byPrefix.entrySet()) {
            if (text.startsWith(e.getKey()) && text.length() > e.getKey().length()) {
                return e.getValue();
            }
        }
        throw new InvalidRecordException("no validator for the key's namespace");
    }
}
