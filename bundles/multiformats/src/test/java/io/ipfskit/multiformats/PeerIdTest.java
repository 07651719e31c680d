package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.keys.KeyType;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.multiformats.keys.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerIdTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String SPEC_ED25519 = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_SECP256K1 = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
    private static final String SPEC_ECDSA = "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5"
        + "d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";

    @Test
    void ed25519KeysAreInlined() {
        PublicKey key = PublicKey.unmarshal(HEX.parseHex(SPEC_ED25519));
        PeerId id = PeerId.fromPublicKey(key);
        assertEquals(Multicodec.IDENTITY, id.multihash().code());
        assertTrue(id.toBase58().startsWith("12D3KooW"));
        assertEquals(key, id.extractPublicKey().orElseThrow());
        assertTrue(id.matches(key));
        assertEquals(id, PeerId.parse(id.toString()));
        assertEquals(id, PeerId.parse(id.toCidString()));
        assertTrue(id.toCidString().startsWith("bafzaa"));
        assertEquals(id, PeerId.fromBytes(id.bytes()));
    }

    @Test
    void secp256k1KeysAreInlined() {
        PeerId id = PeerId.fromPublicKey(PublicKey.unmarshal(HEX.parseHex(SPEC_SECP256K1)));
        assertEquals(Multicodec.IDENTITY, id.multihash().code());
        assertTrue(id.toBase58().startsWith("16U"));
    }

    @Test
    void longKeysAreHashed() {
        PublicKey key = PublicKey.unmarshal(HEX.parseHex(SPEC_ECDSA));
        PeerId id = PeerId.fromPublicKey(key);
        assertEquals(Multihash.sha256(key.marshal()), id.multihash());
        assertTrue(id.toBase58().startsWith("Qm"));
        assertTrue(id.extractPublicKey().isEmpty());
        assertTrue(id.matches(key));
        assertFalse(id.matches(PublicKey.unmarshal(HEX.parseHex(SPEC_ED25519))));
    }

    @Test
    void specExamplesParseInEveryForm() {
        PeerId hashed = PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        assertEquals("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe", hashed.toCidString());
        assertEquals(hashed, PeerId.parse(hashed.toBase58()));
        PeerId legacy = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        assertEquals("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", legacy.toString());
        PeerId inline = PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        assertEquals(KeyType.ED25519, inline.extractPublicKey().orElseThrow().type());
        String base36 = Cid.v1(Multicodec.LIBP2P_KEY, inline.multihash()).toString(Multibase.BASE36);
        assertTrue(base36.startsWith("k51"));
        assertEquals(inline, PeerId.parse(base36));
        assertEquals(inline, PeerId.parse(Cid.v1(Multicodec.LIBP2P_KEY, inline.multihash()).toString(Multibase.BASE58BTC)));
    }

    @Test
    void generatedKeysMatchTheirPeerId() {
        PrivateKey key = PrivateKey.generateEd25519();
        PeerId id = PeerId.fromPublicKey(key.publicKey());
        assertTrue(id.matches(key.publicKey()));
        assertEquals(id, PeerId.parse(id.toBase58()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "Qm", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N0",
        "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby", // dag-pb codec
        "1gaG", // identity multihash of an invalid key message (0805)
        "xyz", "1", "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqx"})
    void rejectsInvalidText(String text) {
        assertThrows(IllegalArgumentException.class, () -> PeerId.parse(text));
    }

    @Test
    void rejectsOtherMultihashes() {
        assertThrows(IllegalArgumentException.class, () -> PeerId.of(Multihash.compute(Multicodec.SHA2_512, new byte[1])));
        assertThrows(IllegalArgumentException.class, () -> PeerId.of(Multihash.identity(new byte[43])));
        assertThrows(IllegalArgumentException.class, () -> PeerId.of(Multihash.identity(new byte[36])));
    }
}
