package io.ipfskit.muxer.mplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.testkit.StreamRecorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Jazzer: untrusted mplex messages are either served or close the connection as a protocol violation; never more
 * streams than allowed. Any other exception fails the run: the session passes it down the pipeline, where the embedded
 * channel rethrows it from {@code writeInbound} or {@code finish}. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/muxer/mplex/MplexFuzzTestInputs/METHOD replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/muxer.mplex test -Dtest=MplexFuzzTest#messages</pre>
 */
class MplexFuzzTest {

    private static final int MAX_STREAMS = 4;

    @FuzzTest(maxDuration = "30s")
    void messages(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        MplexSession session = (MplexSession) new MplexMuxer(MAX_STREAMS, 64 * 1024)
                .start(channel, false, s -> new StreamRecorder().attach(s));
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        assertTrue(session.streamCount() <= MAX_STREAMS, "streams: " + session.streamCount());
        if (!channel.isActive()) {
            assertEquals(0, session.streamCount(), "a closed session keeps no stream");
        }
        channel.finishAndReleaseAll();
    }
}
