package io.ipfskit.muxer.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.testkit.StreamRecorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer: untrusted frames given to a yamux session are either served or end it with GO_AWAY (protocol error) and a
 * closed channel; never more streams than allowed. Any other exception fails the run: the session passes it down the
 * pipeline, where the embedded channel rethrows it from {@code writeInbound} or {@code finish}. Without JAZZER_FUZZ=1
 * only the seeds in src/test/resources/io/ipfskit/muxer/yamux/YamuxFuzzTestInputs/METHOD replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/muxer.yamux test -Dtest=YamuxFuzzTest#frames</pre>
 */
class YamuxFuzzTest {

    private static final int MAX_STREAMS = 4;

    @FuzzTest(maxDuration = "30s")
    void frames(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        List<MuxedStream> accepted = new ArrayList<>();
        YamuxSession session = (YamuxSession) new YamuxMuxer(MAX_STREAMS, 1024 * 1024, 1024 * 1024)
                .start(channel, false, s -> {
                    accepted.add(s);
                    new StreamRecorder().attach(s);
                });
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        assertTrue(session.streamCount() <= MAX_STREAMS, "streams: " + session.streamCount());
        assertTrue(accepted.size() <= input.length / YamuxFrame.HEADER);
        if (!channel.isActive()) {
            assertEquals(List.of(YamuxFrame.GO_AWAY_PROTOCOL_ERROR), YamuxWire.goAwayCodes(YamuxWire.sent(channel)),
                    "a closed session says why, once");
        }
        channel.finishAndReleaseAll();
    }
}
