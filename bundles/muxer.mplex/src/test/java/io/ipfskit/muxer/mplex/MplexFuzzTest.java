package io.ipfskit.muxer.mplex;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.testkit.StreamRecorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Jazzer: untrusted mplex messages never open more streams than allowed and never escape as an exception. Without
 * JAZZER_FUZZ=1 only the seeds in src/test/resources/io/ipfskit/muxer/mplex/MplexFuzzTestInputs/METHOD replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/muxer.mplex test -Dtest=MplexFuzzTest#messages</pre>
 */
class MplexFuzzTest {

    private static final int MAX_STREAMS = 4;

    @FuzzTest(maxDuration = "30s")
    void messages(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        MplexSession session = (MplexSession) new MplexMuxer(MAX_STREAMS, 64 * 1024)
                .start(channel, false, s -> s.handler(new StreamRecorder()));
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        channel.checkException();
        assertTrue(session.streamCount() <= MAX_STREAMS, "streams: " + session.streamCount());
        channel.finishAndReleaseAll();
    }
}
