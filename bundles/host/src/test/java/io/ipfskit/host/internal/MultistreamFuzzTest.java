package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.ProtocolException;
import java.util.List;
import java.util.Set;

/**
 * Jazzer: untrusted bytes fed to either side of multistream-select end in an agreement, a wait for more, or a
 * ProtocolException, and never make us write more than a bounded answer. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/host/internal/MultistreamFuzzTestInputs/METHOD replay (as in CI); to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/host test -Dtest=MultistreamFuzzTest#listener</pre>
 */
class MultistreamFuzzTest {

    private static final Set<String> SERVED = Set.of("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0");

    @FuzzTest(maxDuration = "30s")
    void listener(byte[] input) {
        run(Negotiator.listener(SERVED::contains, () -> List.copyOf(SERVED)), input);
    }

    @FuzzTest(maxDuration = "30s")
    void dialer(byte[] input) {
        run(Negotiator.dialer(List.of("/noise", "/tls/1.0.0")), input);
    }

    private static void run(Negotiator negotiator, byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        ByteBuf out = Unpooled.buffer();
        try {
            negotiator.feed(in, out);
        } catch (ProtocolException expected) {
            // rejected: the caller closes the channel or resets the stream
        }
        int bound = (Negotiator.MAX_ROUNDS + 2) * (MultistreamCodec.MAX_MESSAGE + 3) + 200;
        assertTrue(out.readableBytes() <= bound, "answer of " + out.readableBytes() + " bytes");
    }
}
