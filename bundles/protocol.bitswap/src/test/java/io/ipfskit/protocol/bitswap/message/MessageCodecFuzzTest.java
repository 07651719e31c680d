package io.ipfskit.protocol.bitswap.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: untrusted bytes given to the Bitswap decoder end in a message or a {@link MalformedMessageException}, never
 * another exception; a decoded message re-encodes to a fixed point (encode, decode, encode gives the same bytes);
 * framing is fuzzed in multiformats' LengthPrefixedFramesFuzzTest. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/protocol/bitswap/message/MessageCodecFuzzTestInputs/METHOD replay (as in CI); to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/protocol.bitswap test -Dtest=MessageCodecFuzzTest#decode</pre>
 */
class MessageCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        BitswapMessage message;
        try {
            message = MessageCodec.decode(input);
        } catch (MalformedMessageException expected) {
            return;
        }
        byte[] once = MessageCodec.encode(message, Dialect.V120);
        try {
            byte[] twice = MessageCodec.encode(MessageCodec.decode(once), Dialect.V120);
            assertArrayEquals(once, twice, "re-encoding is not stable");
        } catch (MalformedMessageException e) {
            throw new AssertionError("our own encoding does not decode: " + e.getMessage(), e);
        }
        for (WireBlock block : message.blocks()) {
            if (block.prefix() != null) {
                try {
                    block.prefix().cidOf(block.data());
                } catch (IllegalArgumentException unhashable) {
                    // a prefix naming a function we cannot compute: the block is refused as unwanted
                }
            }
        }
    }
}
