package io.ipfskit.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: untrusted bytes given to the body decoder (what a member holding the secret could send) end in a body within
 * the bounds or a {@link MalformedClusterMessageException}, never another exception; a decoded body re-encodes to a
 * body equal to it. Without JAZZER_FUZZ=1 only the seeds replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/cluster test -Dtest=ClusterCodecFuzzTest#decode</pre>
 */
class ClusterCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        Body body;
        try {
            body = ClusterCodec.decode(input);
        } catch (MalformedClusterMessageException expected) {
            return;
        }
        if (body.message() instanceof Heartbeat heartbeat) {
            assertTrue(heartbeat.hot().size() <= ClusterCodec.MAX_HOT);
        } else if (body.message() instanceof PinState state) {
            assertTrue(state.pins().size() <= ClusterCodec.MAX_PINS);
            state.pins().forEach(p -> assertTrue(p.allocations().size() <= ClusterCodec.MAX_ALLOCATIONS));
        } else if (body.message() instanceof StatusReport report) {
            assertTrue(report.statuses().size() <= ClusterCodec.MAX_STATUSES);
        }
        try {
            assertEquals(body, ClusterCodec.decode(ClusterCodec.encode(body)), "re-encoding changed the body");
        } catch (MalformedClusterMessageException e) {
            throw new AssertionError("our own encoding does not decode: " + e.getMessage(), e);
        }
    }
}
