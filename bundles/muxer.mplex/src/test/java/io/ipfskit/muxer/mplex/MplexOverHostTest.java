package io.ipfskit.muxer.mplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.StreamMuxer;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.host.internal.DefaultHost;
import io.ipfskit.host.internal.HostSettings;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.security.noise.NoiseSecureChannel;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestNode;
import io.ipfskit.transport.tcp.TcpTransport;
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

    /** A host on an ephemeral loopback port with Noise and exactly these muxers, in this order. */
    private final class Peer {
        final TestNode node = new TestNode();
        final DefaultHost host =
                new DefaultHost(node, HostSettings.of(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));

        Peer(StreamMuxer... muxers) {
            TcpTransport tcp = new TcpTransport(1, 16);
            open.add(tcp);
            open.add(host::close);
            host.addSecureChannel(new NoiseSecureChannel(node));
            for (StreamMuxer muxer : muxers) {
                host.addMuxer(muxer);
            }
            host.addTransport(tcp);
            host.addProtocolHandler(new EchoProtocol(ECHO));
        }

        Multiaddr address() {
            return host.listenAddresses().get(0).withPeerId(node.peerId());
        }
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
        Peer a = new Peer(mplex());
        Peer b = new Peer(mplex());
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
        Peer old = new Peer(mplex());
        Peer modern = new Peer(new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024), mplex());
        assertEquals(MplexMuxer.PROTOCOL, await(old.host.connect(modern.address())).muxer());
        Peer other = new Peer(mplex());
        assertEquals(MplexMuxer.PROTOCOL, await(modern.host.connect(other.address())).muxer());
    }
}
