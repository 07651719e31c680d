package io.ipfskit.muxer.mplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.StreamMuxer;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mplex through the real upgrade: two hosts on loopback TCP with Noise negotiate it and carry streams over it. */
class MplexOverHostTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A host on an ephemeral loopback port with Noise, exactly these muxers in this order, and the echo protocol. */
    private TestHost peer(StreamMuxer... muxers) {
        TestHost peer = new TestHost(muxers);
        open.add(peer);
        peer.host.addProtocolHandler(new EchoProtocol(ECHO));
        return peer;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static MplexMuxer mplex() {
        return new MplexMuxer(64, 1024 * 1024);
    }

    @Test
    void concurrentStreamsOfSeveralMessagesEachEchoIntact() throws Exception {
        TestHost a = peer(mplex());
        TestHost b = peer(mplex());
        Connection connection = await(a.host.connect(b.address()));
        assertEquals(MplexMuxer.PROTOCOL, connection.muxer());
        Random random = new Random(5);
        List<byte[]> payloads = new ArrayList<>();
        List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] payload = new byte[150_000 + random.nextInt(100_000)];
            random.nextBytes(payload);
            Collector collector = new Collector();
            Stream stream = await(a.host.newStream(b.node.peerId(), List.of(ECHO), s -> collector));
            stream.write(payload);
            stream.closeWrite();
            payloads.add(payload);
            echoes.add(collector.closed);
        }
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), echoes.get(i).get(20, TimeUnit.SECONDS), "stream " + i);
        }
        assertEquals(1, a.host.connections().size());
    }

    @Test
    void aPeerOfferingOnlyMplexGetsItFromOneThatPrefersYamux() throws Exception {
        TestHost old = peer(mplex());
        TestHost modern = peer(new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024), mplex());
        assertEquals(MplexMuxer.PROTOCOL, await(old.host.connect(modern.address())).muxer());
        TestHost other = peer(mplex());
        assertEquals(MplexMuxer.PROTOCOL, await(modern.host.connect(other.address())).muxer());
    }
}
