package io.ipfskit.dht.kad.records;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant LATER = NOW.plus(1, ChronoUnit.DAYS);

    private final Map<PeerId, PublicKey> known = new HashMap<>();
    private final Validators validators = new Validators(peer -> Optional.ofNullable(known.get(peer)));

    private void valid(byte[] key, byte[] value) {
        assertDoesNotThrow(() -> validators.validate(key, value, NOW.toEpochMilli()));
    }

    private String invalid(byte[] key, byte[] value) {
        return assertThrows(InvalidRecordException.class, () -> validators.validate(key, value, NOW.toEpochMilli()))
                .getMessage();
    }

    private static byte[] pkKey(PeerId peer) {
        return IpnsFixtures.concat("/pk/".getBytes(StandardCharsets.US_ASCII), peer.bytes());
    }

    @Test
    void aPublicKeyRecordMustBeTheKeyOfThePeerItIsFiledUnder() {
        IpnsFixtures.Signer a = IpnsFixtures.rsa();
        IpnsFixtures.Signer b = IpnsFixtures.ed25519();
        valid(pkKey(a.name()), a.publicKey().marshal());
        assertTrue(invalid(pkKey(a.name()), b.publicKey().marshal()).contains("another peer"));
        assertTrue(invalid(pkKey(a.name()), new byte[] {8, 1, 18, 2, 0, 0}).contains("not a public key"));
    }

    @Test
    void keysOutsideTheKnownNamespacesAreRefused() {
        assertTrue(invalid("/other/x".getBytes(), new byte[] {1}).contains("namespace"));
        assertTrue(invalid("/pk/".getBytes(), new byte[] {1}).contains("namespace"));
    }

    @Test
    void anIpnsRecordSignedByTheNamesInlinedKeyIsValid() {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        valid(IpnsFixtures.key(s.name()), IpnsFixtures.record(s, "/ipfs/bafy", 1, LATER, false));
    }

    @Test
    void aRecordSignedByAnotherKeyIsRefused() {
        IpnsFixtures.Signer owner = IpnsFixtures.ed25519();
        IpnsFixtures.Signer forger = IpnsFixtures.ed25519();
        byte[] forged = IpnsFixtures.record(forger, "/ipfs/evil", 9, LATER, false);
        assertTrue(invalid(IpnsFixtures.key(owner.name()), forged).contains("signatureV2"));
        byte[] embedded = IpnsFixtures.record(forger, "/ipfs/evil", 9, LATER, true);
        assertTrue(invalid(IpnsFixtures.key(owner.name()), embedded).contains("not the key of"));
    }

    @Test
    void aTamperedRecordIsRefused() {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        byte[] record = IpnsFixtures.record(s, "/ipfs/bafy", 1, LATER, false);
        record[record.length - 3] ^= 1;
        invalid(IpnsFixtures.key(s.name()), record);
    }

    @Test
    void anRsaNameNeedsItsKeyEmbeddedOrKnownLocally() {
        IpnsFixtures.Signer s = IpnsFixtures.rsa();
        byte[] key = IpnsFixtures.key(s.name());
        valid(key, IpnsFixtures.record(s, "/ipfs/bafy", 1, LATER, true));
        byte[] bare = IpnsFixtures.record(s, "/ipfs/bafy", 1, LATER, false);
        assertTrue(invalid(key, bare).contains("no public key"));
        known.put(s.name(), s.publicKey());
        valid(key, bare);
    }

    @Test
    void anExpiredRecordIsRefused() {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        assertTrue(invalid(IpnsFixtures.key(s.name()), IpnsFixtures.record(s, "/ipfs/old", 1, NOW.minusSeconds(1), false))
                .contains("expired"));
    }

    @Test
    void legacyFieldsMustEqualTheSignedOnes() {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        valid(IpnsFixtures.key(s.name()), IpnsFixtures.recordWithV1(s, "/ipfs/a", "/ipfs/a", 3, LATER));
        assertTrue(invalid(IpnsFixtures.key(s.name()), IpnsFixtures.recordWithV1(s, "/ipfs/a", "/ipfs/b", 3, LATER))
                .contains("V1"));
    }

    @Test
    void recordsOver10KibAreRefused() {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        String big = "/ipfs/" + "x".repeat(11 * 1024);
        assertTrue(invalid(IpnsFixtures.key(s.name()), IpnsFixtures.record(s, big, 1, LATER, false)).contains("exceeds"));
    }

    @Test
    void theHighestSequenceWinsThenTheLongestValidity() {
        IpnsFixtures.Signer s = IpnsFixtures.ed25519();
        byte[] key = IpnsFixtures.key(s.name());
        byte[] seq1 = IpnsFixtures.record(s, "/ipfs/1", 1, LATER.plus(5, ChronoUnit.DAYS), false);
        byte[] seq2 = IpnsFixtures.record(s, "/ipfs/2", 2, LATER, false);
        byte[] seq2Longer = IpnsFixtures.record(s, "/ipfs/2", 2, LATER.plus(1, ChronoUnit.DAYS), false);
        assertEquals(1, validators.select(key, List.of(seq1, seq2)));
        assertEquals(0, validators.select(key, List.of(seq2, seq1)));
        assertEquals(1, validators.select(key, List.of(seq2, seq2Longer)));
        assertEquals(0, validators.select(key, List.of(seq2, seq2)));
    }
}
