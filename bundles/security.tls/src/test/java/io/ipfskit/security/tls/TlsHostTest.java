package io.ipfskit.security.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.muxer.mplex.MplexMuxer;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real hosts on loopback: with Noise gone TLS secures the connection and the muxer is agreed inside the handshake
 * (the dialler's order winning), streams carry data; with both channels Noise stays the first choice.
 */
class TlsHostTest {

    private static final String ECHO = "/test/echo/1.0.0";

    private TestHost a;
    private TestHost b;

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static YamuxMuxer yamux() {
        return new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024);
    }

    private static MplexMuxer mplex() {
        return new MplexMuxer(64, 4 * 1024 * 1024);
    }

    private static TestHost withTls(TestHost host, boolean withoutNoise) {
        host.host.addSecureChannel(new TlsSecureChannel(host.node));
        if (withoutNoise) {
            host.host.removeSecureChannel(host.noise);
        }
        return host;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void withNoiseGoneTlsSecuresTheConnectionAndStreamsCarryData() throws Exception {
        a = withTls(new TestHost(), true);
        b = withTls(new TestHost(), true);
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        Connection c = await(a.host.connect(b.address()));
        assertEquals(TlsSecureChannel.PROTOCOL, c.security());
        assertEquals(YamuxMuxer.PROTOCOL, c.muxer());
        assertEquals(b.node.peerId(), c.remotePeer());
        Await.until("b to see a's connection", Duration.ofSeconds(10), () -> !b.host.connections().isEmpty());
        assertEquals(TlsSecureChannel.PROTOCOL, b.host.connections().get(0).security());
        byte[] big = new byte[1_000_000];
        new Random(5).nextBytes(big);
        Collector collector = new Collector();
        Stream stream = await(a.host.newStream(b.node.peerId(), List.of(ECHO), s -> collector));
        await(stream.write(big));
        stream.closeWrite();
        assertArrayEquals(big, collector.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aListenerWithoutNoiseIsReachedOverTlsByADiallerOfferingBoth() throws Exception {
        a = withTls(new TestHost(), false);
        b = withTls(new TestHost(), true);
        assertEquals(TlsSecureChannel.PROTOCOL, await(a.host.connect(b.address())).security());
    }

    @Test
    void theDiallersMuxerOrderWinsInTheHandshake() throws Exception {
        a = withTls(new TestHost(mplex(), yamux()), true);
        b = withTls(new TestHost(yamux(), mplex()), true);
        assertEquals(MplexMuxer.PROTOCOL, await(a.host.connect(b.address())).muxer());
    }

    @Test
    void noiseStaysFirstWhenBothAreOffered() throws Exception {
        a = withTls(new TestHost(), false);
        b = withTls(new TestHost(), false);
        assertEquals("/noise", await(a.host.connect(b.address())).security());
    }
}
