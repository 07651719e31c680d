package io.ipfskit.dht.kad.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer: untrusted bytes given to the kad-dht decoder end in a message or a {@link MalformedMessageException}, never
 * another exception, and within the bounds (closer and provider peers, addresses per peer); a decoded message
 * re-encodes to a fixed point; framing splits any byte stream into frames within the limit. Without JAZZER_FUZZ=1 only
 * the seeds in src/test/resources/io/ipfskit/dht/kad/wire/MessageCodecFuzzTestInputs/METHOD replay; to fuzz:
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

    @FuzzTest(maxDuration = "30s")
    void frames(byte[] input) {
        FrameReader reader = new FrameReader();
        List<byte[]> frames = new ArrayList<>();
        int split = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
        try {
            for (int i = 0; i < input.length; i += split) {
                reader.feed(Arrays.copyOfRange(input, i, Math.min(input.length, i + split)), frames::add);
            }
        } catch (MalformedMessageException expected) {
            return;
        }
        long total = 0;
        for (byte[] frame : frames) {
            assertTrue(frame.length <= MessageCodec.MAX_MESSAGE);
            total += frame.length;
        }
        assertTrue(total <= input.length);
    }
}
