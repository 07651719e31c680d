package io.ipfskit.multiformats.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signature vectors made with Node's crypto (generateKeyPairSync, sign) for the message below. */
class PublicKeyTest {

    private static final HexFormat HEX = HexFormat.of();
    static final byte[] MESSAGE = HEX.parseHex("697066732d6b6974207465737420766563746f72"); // "ipfs-kit test vector"

    static final String ED25519_PUBLIC = "8e55c211d753f4b76d2bbe64bc25f388089076b765e1d78af65d2ad804112b39";
    static final String ED25519_SIGNATURE = "a31b2ecd41338d26371280a8f44500060ef1168e584bf4fe0f8dee4f318e565c"
        + "9f68342f97ea61597fa7be285e20515685654c41bb2e3c7e07cc93fedbe1ef0a";
    static final String SECP256K1_PUBLIC_ODD = "03a77715622ace21fd0c335f2935e7902102bb494e4375db228319f1e39277dcf6";
    static final String SECP256K1_SIGNATURE_ODD = "3045022100b07c539e0b189b7305dc0fd03699c1585c0a1164d9bc9fabb739b5306cb4fe6f"
        + "022021752c4732f6e0ce8dedb4fc654798788fd32b78d1e97bb4695671428119b357";
    static final String SECP256K1_PUBLIC_EVEN = "0278dba0e862a6548b87b8b24f8a1b0ffc724f8070be79c991e51495605ccc955b";
    static final String SECP256K1_SIGNATURE_EVEN = "3045022100f4183226b946e61fb93800c32b9cc9087ab5bed759eae2c81b1d4bdd864d7b84"
        + "02207f7e5c6cceb0422d9004cb3a703d64b1c5b4de030dc27399bd83e470edb674cb";
    static final String ECDSA_PUBLIC = "3059301306072a8648ce3d020106082a8648ce3d03010703420004e1332dc614977165c49173ed7a0500aa"
        + "4f408e34c1bc559c5ea0053ba2d62d6359e55067be02f91e5ea5b7bd563a13843731cf462fa184cd3b8d65b5b88f1897";
    static final String ECDSA_SIGNATURE = "3045022006c699521b0b77286b07ff618f25778e28e618bf06c374f075afb5609036ef4f"
        + "022100e0cc0dac1dddd16848e9fa4a1df935ecec9c72bb0eb28b344b9911235ca544fa";
    static final String RSA_PUBLIC = "30820122300d06092a864886f70d01010105000382010f003082010a0282010100aabeb61c3d3e1e795f8abb"
        + "6fbb2df3423f24c9af337a8550bba1c18b731a113154b5671012c7bd12ce6a6922ae84930bca8eba18c2d6ec9402ff44e8b4044425d1a756"
        + "ce56eb5900cca1122a33a4ab0fd16cb6e77622e3062044163dc21f5e8da528f5c031488e496569c545704744984ab337020fb0cd2c2f2a"
        + "e159a4f0df8815fd92aa51a7c124c674edbf12bbafaa1844453bedacd760b7acf40091d28fc8d25c75621ef8ee9ef2eff109f39d629940"
        + "d4a15c8704d79e856a6d6e083af760d4949348d2bc6e7a1b7719c7eeb3f182adfffc01106b45a5f896c229f3ff53458255a9f6fb88b0a0"
        + "b6075cdb8051fbf82ee0ad74bc06f802d78a0f19cb468c9d0203010001";
    static final String RSA_SIGNATURE = "89757ece20b0f416c20405ef3fd69a62d5ff50b4fbd92fe71ae24ccd8f77ba92d056b7b96102afde"
        + "0809866bcc080c5be7c4dd0af93cd40454bf044db1f9cfff1e24b06c8437d797e3aa0dd9201ca9f57503e3d6d4bd0392487d91ed29b8c6"
        + "a013968edd509ed1f89465519c1c7229ad9c34b5f03f0339973cb9d818f770210e0d75519a3cde587922ffc0ae57dd3b7f2ed1fd640deb"
        + "40c39f8ce2b9710f39e6970d7aa0c11d05c57291ace8774fe2952f8429fb17d6648f4b05f944dbbb003c0c0a7d17a5483be58d53216f9a"
        + "dbdceb235e36e9b3cdc4e9cfc168fec8d765dc9c43645766e074c16ab4038271bc927d65d646ba034ca2fb63549b4e21502924";
    private static final String RSA_768_PUBLIC = "307c300d06092a864886f70d0101010500036b003068026100edd98aad583bf2c1796dd3d83d"
        + "b3ac1e95cb837782b2d2177a4522ccdf6e2bd6edccc0d847a378eee7591d8a8afb4db287e3491dc249dcf943e1fc90ea5b55788ea3564f"
        + "975900e79212ad45300d2be865b31b4d957dec147877b456e45c955f0203010001";
    private static final String P384_PUBLIC = "3076301006072a8648ce3d020106052b8104002203620004c57dd9315344e8a889f7efd1ec7a1c"
        + "3271e70f2b1c5bd23f30f4cfe7563bf54c95bee18a00c4945ca2aad6d7ff806769a8d65a7dc3a5a855aedfc94adc271dcc28d413503495"
        + "b24535dd6551d530463e05e19c1d3fdbb5c5afadae18ab47e919";

    // test vectors of the libp2p peer-id spec (peer-ids/peer-ids.md)
    static final String SPEC_ED25519 = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_SECP256K1 = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
    private static final String SPEC_ECDSA = "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8f5"
        + "d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";

    @ParameterizedTest
    @CsvSource({"ED25519," + SPEC_ED25519, "SECP256K1," + SPEC_SECP256K1, "ECDSA," + SPEC_ECDSA})
    void unmarshalsAndRemarshalsSpecVectors(KeyType type, String hex) {
        PublicKey key = PublicKey.unmarshal(HEX.parseHex(hex));
        assertEquals(type, key.type());
        assertEquals(hex, HEX.formatHex(key.marshal()));
        assertEquals(key, PublicKey.of(type, key.raw()));
    }

    @ParameterizedTest
    @CsvSource({
        "ED25519," + ED25519_PUBLIC + "," + ED25519_SIGNATURE,
        "SECP256K1," + SECP256K1_PUBLIC_ODD + "," + SECP256K1_SIGNATURE_ODD,
        "SECP256K1," + SECP256K1_PUBLIC_EVEN + "," + SECP256K1_SIGNATURE_EVEN,
        "ECDSA," + ECDSA_PUBLIC + "," + ECDSA_SIGNATURE,
        "RSA," + RSA_PUBLIC + "," + RSA_SIGNATURE})
    void verifiesNodeSignaturesAndRejectsTampering(KeyType type, String publicHex, String signatureHex) {
        PublicKey key = PublicKey.unmarshal(PublicKey.of(type, HEX.parseHex(publicHex)).marshal());
        byte[] signature = HEX.parseHex(signatureHex);
        assertTrue(key.verify(MESSAGE, signature));
        byte[] tampered = MESSAGE.clone();
        tampered[0] ^= 1;
        assertFalse(key.verify(tampered, signature));
        byte[] badSignature = signature.clone();
        badSignature[badSignature.length - 1] ^= 1;
        assertFalse(key.verify(MESSAGE, badSignature));
        assertFalse(key.verify(MESSAGE, new byte[0]));
        assertFalse(key.verify(MESSAGE, Arrays.copyOf(signature, signature.length + 1)));
        assertFalse(key.verify(MESSAGE, Arrays.copyOf(signature, signature.length - 1)));
    }

    @Test
    void secp256k1RejectsOutOfRangeAndNonDerSignatures() {
        PublicKey key = PublicKey.of(KeyType.SECP256K1, HEX.parseHex(SECP256K1_PUBLIC_ODD));
        BigInteger n = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
        BigInteger r = new BigInteger("b07c539e0b189b7305dc0fd03699c1585c0a1164d9bc9fabb739b5306cb4fe6f", 16);
        BigInteger s = new BigInteger("21752c4732f6e0ce8dedb4fc654798788fd32b78d1e97bb4695671428119b357", 16);
        assertTrue(key.verify(MESSAGE, der(r, s)));
        assertFalse(key.verify(MESSAGE, der(r.add(n), s)));
        assertFalse(key.verify(MESSAGE, der(r, BigInteger.ZERO)));
        byte[] padded = HEX.parseHex("3046022100b07c539e0b189b7305dc0fd03699c1585c0a1164d9bc9fabb739b5306cb4fe6f"
            + "02210021752c4732f6e0ce8dedb4fc654798788fd32b78d1e97bb4695671428119b357");
        assertFalse(key.verify(MESSAGE, padded));
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[6 + rb.length + sb.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rb.length + sb.length);
        out[2] = 2;
        out[3] = (byte) rb.length;
        System.arraycopy(rb, 0, out, 4, rb.length);
        out[4 + rb.length] = 2;
        out[5 + rb.length] = (byte) sb.length;
        System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "08", "0801", "080112", "0801122000", // truncated
        "0804122000", // unknown key type
        "1220" + ED25519_PUBLIC, // missing Type
        "12200801" + ED25519_PUBLIC, // fields out of order
        "08011a00", // unknown field
        "08011220" + ED25519_PUBLIC + "00", // trailing bytes
        "0801122100" + ED25519_PUBLIC, // Ed25519 of 33 bytes
        "088100122000", // non-minimal varint
        "080112ffffffff0f00", // huge length
        "08021221040000000000000000000000000000000000000000000000000000000000000005", // bad prefix
        "08021221020000000000000000000000000000000000000000000000000000000000000005", // x not on the curve
        "08021221" + "02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30", // x >= p
    })
    void rejectsMalformedMessages(String hex) {
        assertThrows(IllegalArgumentException.class, () -> PublicKey.unmarshal(HEX.parseHex(hex)));
    }

    @Test
    void rejectsWeakOrForeignKeys() {
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.RSA, HEX.parseHex(RSA_768_PUBLIC)));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.ECDSA, HEX.parseHex(P384_PUBLIC)));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.ECDSA, HEX.parseHex(RSA_PUBLIC)));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.RSA, HEX.parseHex(ECDSA_PUBLIC)));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.RSA, HEX.parseHex(RSA_PUBLIC + "00")));
        byte[] offCurve = HEX.parseHex(ECDSA_PUBLIC);
        offCurve[offCurve.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.ECDSA, offCurve));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.of(KeyType.SECP256K1, new byte[65]));
    }

    @Test
    void valueSemantics() {
        PublicKey a = PublicKey.unmarshal(HEX.parseHex(SPEC_ED25519));
        PublicKey b = PublicKey.of(KeyType.ED25519, HEX.parseHex(SPEC_ED25519.substring(8)));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, PublicKey.of(KeyType.ED25519, HEX.parseHex(ED25519_PUBLIC)));
        a.raw()[0] ^= 1;
        assertArrayEquals(b.raw(), a.raw());
    }
}
