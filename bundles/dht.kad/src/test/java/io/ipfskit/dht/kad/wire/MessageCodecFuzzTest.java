package io.ipfskit.dht.kad.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: untrusted bytes given to the kad-dht decoder end in a message or a {@link MalformedMessageException}, never
 * another exception, and within the bounds (closer and provider peers, addresses per peer); a decoded message
 * re-encodes to a fixed point (framing is fuzzed in multiformats' LengthPrefixedFramesFuzzTest). Without JAZZER_FUZZ=1
 * only the seeds in src/test/resources/io/ipfskit/dht/kad/wire/MessageCodecFuzzTestInputs/METHOD replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/dht.kad test -Dtest=MessageCodecFuzzTest#decode</pre>
 */
class MessageCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        KadMessage message;
        try {
            message = MessageCodec.decode(input);
        } catch (MalformedMessageException expected) {
            return;
        }
        assertTrue(message.closerPeers().size() <= MessageCodec.MAX_CLOSER_PEERS);
        assertTrue(message.providerPeers().size() <= MessageCodec.MAX_PROVIDER_PEERS);
        message.closerPeers().forEach(p -> assertTrue(p.addresses().size() <= MessageCodec.MAX_ADDRESSES));
        byte[] once = MessageCodec.encode(message);
        try {
            assertArrayEquals(once, MessageCodec.encode(MessageCodec.decode(once)), "re-encoding is not stable");
        } catch (MalformedMessageException e) {
            throw new AssertionError("our own encoding does not decode: " + e.getMessage(), e);
        }
    }
}
