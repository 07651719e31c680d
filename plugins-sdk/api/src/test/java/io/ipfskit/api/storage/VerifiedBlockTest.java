package io.ipfskit.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A verified block's CID is always one its bytes hash to: computed here, or a claimed one checked. */
class VerifiedBlockTest {

    private static final byte[] DATA = "a block".getBytes(StandardCharsets.US_ASCII);

    @Test
    void hashingNamesTheBytesWithTheirOwnCid() {
        VerifiedBlock v1 = VerifiedBlock.hash(1, Multicodec.RAW, DATA);
        assertEquals(Cid.v1(Multicodec.RAW, Multihash.sha256(DATA)), v1.cid());
        assertSame(DATA, v1.data());
        VerifiedBlock v0 = VerifiedBlock.hash(0, Multicodec.DAG_PB, DATA);
        assertEquals(Cid.v0(Multihash.sha256(DATA)), v0.cid());
        assertThrows(IllegalArgumentException.class, () -> VerifiedBlock.hash(0, Multicodec.RAW, DATA));
    }

    @Test
    void anotherHashFunctionNamesTheBytesToo() {
        VerifiedBlock sha512 = VerifiedBlock.hash(1, Multicodec.RAW, Multicodec.SHA2_512, DATA);
        assertEquals(Cid.v1(Multicodec.RAW, Multihash.compute(Multicodec.SHA2_512, DATA)), sha512.cid());
        assertThrows(IllegalArgumentException.class,
                () -> VerifiedBlock.hash(0, Multicodec.DAG_PB, Multicodec.SHA2_512, DATA), "CIDv0 is sha2-256 only");
    }

    @Test
    void aBlockIsRenamedOnlyToACidOfTheSameMultihash() {
        VerifiedBlock raw = VerifiedBlock.hash(1, Multicodec.RAW, DATA);
        Cid v0 = Cid.v0(Multihash.sha256(DATA));
        assertEquals(v0, raw.renamed(v0).cid());
        assertSame(DATA, raw.renamed(v0).data());
        Cid other = Cid.v1(Multicodec.RAW, Multihash.sha256("other".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> raw.renamed(other));
    }

    @Test
    void aClaimedCidIsCheckedAgainstTheBytes() {
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(DATA));
        assertEquals(cid, VerifiedBlock.check(cid, DATA).cid());
        byte[] other = "another block".getBytes(StandardCharsets.US_ASCII);
        InvalidBlockException refused = assertThrows(InvalidBlockException.class, () -> VerifiedBlock.check(cid, other));
        assertTrue(refused.getMessage().contains(cid.toString()), refused.getMessage());
    }
}
