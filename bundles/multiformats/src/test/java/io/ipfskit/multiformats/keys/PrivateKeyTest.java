package io.ipfskit.multiformats.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String SPEC_ED25519 = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
        + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String NODE_SEED = "1d11648052fdc77da9f4af743317e6cebb31331259f79b8536dfbe73c5f07450";

    @Test
    void specVectorYieldsTheSpecPublicKey() {
        PrivateKey key = PrivateKey.unmarshal(HEX.parseHex(SPEC_ED25519));
        assertEquals(PublicKeyTest.SPEC_ED25519, HEX.formatHex(key.publicKey().marshal()));
        assertEquals(SPEC_ED25519, HEX.formatHex(key.marshal()));
        assertEquals(KeyType.ED25519, key.type());
    }

    @Test
    void signsLikeNode() {
        PrivateKey key = PrivateKey.unmarshal(HEX.parseHex("08011240" + NODE_SEED + PublicKeyTest.ED25519_PUBLIC));
        assertEquals(PublicKeyTest.ED25519_SIGNATURE, HEX.formatHex(key.sign(PublicKeyTest.MESSAGE)));
    }

    @Test
    void acceptsTheLegacyFormWithTheRepeatedPublicKey() {
        String body = SPEC_ED25519.substring(8) + SPEC_ED25519.substring(8 + 64);
        PrivateKey key = PrivateKey.unmarshal(HEX.parseHex("08011260" + body));
        assertEquals(SPEC_ED25519, HEX.formatHex(key.marshal()));
    }

    @Test
    void generatedKeysRoundTripAndVerify() {
        PrivateKey key = PrivateKey.generateEd25519();
        byte[] signature = key.sign(PublicKeyTest.MESSAGE);
        assertEquals(64, signature.length);
        assertTrue(key.publicKey().verify(PublicKeyTest.MESSAGE, signature));
        assertFalse(key.publicKey().verify(new byte[3], signature));
        PrivateKey copy = PrivateKey.unmarshal(key.marshal());
        assertEquals(key, copy);
        assertEquals(key.hashCode(), copy.hashCode());
        assertArrayEquals(signature, copy.sign(PublicKeyTest.MESSAGE));
        assertNotEquals(key, PrivateKey.generateEd25519());
        assertFalse(key.toString().contains(HEX.formatHex(key.marshal()).substring(8, 72)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "08011240" + NODE_SEED + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e", // foreign public key
        "08011220" + NODE_SEED, // seed only
        "0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB", // secp256k1 (spec vector)
        "08011260" + NODE_SEED + PublicKeyTest.ED25519_PUBLIC + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e",
        "0801", "",
    })
    void rejectsInvalidKeys(String hex) {
        assertThrows(IllegalArgumentException.class, () -> PrivateKey.unmarshal(HEX.parseHex(hex)));
    }
}
