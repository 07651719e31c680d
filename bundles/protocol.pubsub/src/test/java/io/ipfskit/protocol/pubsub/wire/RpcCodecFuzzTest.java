package io.ipfskit.protocol.pubsub.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: untrusted bytes given to the pubsub RPC decoder end in an RPC or a {@link MalformedRpcException}, never
 * another exception, and within the bounds (subscriptions, message ids across IHAVE and IWANT, exchanged peers); a
 * decoded RPC re-encodes to a fixed point. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/protocol/pubsub/wire/RpcCodecFuzzTestInputs/decode replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/protocol.pubsub test -Dtest=RpcCodecFuzzTest#decode</pre>
 */
class RpcCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        Rpc rpc;
        try {
            rpc = RpcCodec.decode(input);
        } catch (MalformedRpcException expected) {
            return;
        }
        assertTrue(rpc.subscriptions().size() <= RpcCodec.MAX_SUBSCRIPTIONS);
        int ids = rpc.control().ihave().stream().mapToInt(h -> h.messageIds().size()).sum()
                + rpc.control().iwant().stream().mapToInt(w -> w.messageIds().size()).sum();
        assertTrue(ids <= RpcCodec.MAX_MESSAGE_IDS);
        rpc.control().prune().forEach(p -> assertTrue(p.peers().size() <= RpcCodec.MAX_EXCHANGED_PEERS));
        byte[] once = RpcCodec.encode(rpc);
        try {
            assertArrayEquals(once, RpcCodec.encode(RpcCodec.decode(once)), "re-encoding is not stable");
        } catch (MalformedRpcException e) {
            throw new AssertionError("our own encoding does not decode: " + e.getMessage(), e);
        }
    }
}
