package io.ipfskit.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.multiformats.keys.PublicKey;

/**
 * Jazzer fuzz tests of every decoder that reads untrusted input: it either returns a value that
 * re-encodes to the same input or throws {@link IllegalArgumentException}; any other throwable
 * is a finding. Without JAZZER_FUZZ=1 each test only replays its seeds in
 * src/test/resources/io/ipfskit/multiformats/MultiformatsFuzzTestInputs/METHOD (as CI does).
 * To fuzz one method for its maxDuration:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl bundles/multiformats test -Dtest=MultiformatsFuzzTest#multiaddrDecode
 * </pre>
 */
class MultiformatsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void multiaddrDecode(byte[] input) {
        expectValidOrRejected(() -> assertArrayEquals(input, Multiaddr.decode(input).bytes()));
    }

    @FuzzTest(maxDuration = "30s")
    void multiaddrParse(byte[] input) {
        String text = new String(input, UTF_8);
        expectValidOrRejected(() -> {
            Multiaddr address = Multiaddr.parse(text);
            assertEquals(address, Multiaddr.decode(address.bytes()));
            assertEquals(address, Multiaddr.parse(address.toString()));
        });
    }

    @FuzzTest(maxDuration = "30s")
    void cidDecode(byte[] input) {
        expectValidOrRejected(() -> assertArrayEquals(input, Cid.decode(input).bytes()));
    }

    @FuzzTest(maxDuration = "30s")
    void cidParse(byte[] input) {
        String text = new String(input, UTF_8);
        expectValidOrRejected(() -> {
            Cid cid = Cid.parse(text);
            assertEquals(cid, Cid.parse(cid.toString()));
        });
    }

    @FuzzTest(maxDuration = "30s")
    void multibaseDecode(byte[] input) {
        String text = new String(input, UTF_8);
        expectValidOrRejected(() -> {
            byte[] data = Multibase.decode(text);
            assertEquals(text, Multibase.of(text.charAt(0)).encode(data));
        });
    }

    @FuzzTest(maxDuration = "30s")
    void multihashDecode(byte[] input) {
        expectValidOrRejected(() -> assertArrayEquals(input, Multihash.decode(input).bytes()));
    }

    @FuzzTest(maxDuration = "30s")
    void publicKeyUnmarshal(byte[] input) {
        expectValidOrRejected(() -> assertArrayEquals(input, PublicKey.unmarshal(input).marshal()));
    }

    private static void expectValidOrRejected(Runnable decode) {
        try {
            decode.run();
        } catch (IllegalArgumentException expected) {
            // malformed input is rejected as documented
        }
    }
}
