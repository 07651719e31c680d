package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.ConcurrentEchoes;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.testkit.TestNode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwoHostsTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private byte[] echo(byte[] payload) throws Exception {
        Collector collector = new Collector();
        Stream stream = await(a.host.newStream(b.node.peerId(), List.of(ECHO), s -> collector));
        assertEquals(ECHO, stream.protocolId());
        assertEquals(b.node.peerId(), stream.remotePeer());
        await(stream.write(payload));
        stream.closeWrite();
        return collector.closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void connectsAuthenticatesAndBothSidesSeeTheConnection() throws Exception {
        CompletableFuture<Connection> seenByB = new CompletableFuture<>();
        b.host.subscribe(new HostListener() {
            @Override
            public void connected(Connection c) {
                seenByB.complete(c);
            }
        });
        Connection c = await(a.host.connect(b.address()));
        assertEquals(b.node.peerId(), c.remotePeer());
        assertEquals(Direction.OUTBOUND, c.direction());
        assertEquals("/noise", c.security());
        assertEquals("/yamux/1.0.0", c.muxer());
        Connection inbound = seenByB.get(10, TimeUnit.SECONDS);
        assertEquals(a.node.peerId(), inbound.remotePeer());
        assertEquals(Direction.INBOUND, inbound.direction());
        assertEquals(b.node.publicKey(), a.host.peerstore().get(b.node.peerId()).orElseThrow().publicKey());
    }

    @Test
    void streamsAreRoutedToTheRegisteredHandlerOverOneConnection() throws Exception {
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        await(a.host.connect(b.address()));
        byte[] big = new byte[1_000_000];
        new Random(3).nextBytes(big);
        assertArrayEquals(big, echo(big));
        ConcurrentEchoes.run(this::echo, 20);
        assertEquals(1, a.host.connections().size());
    }

    @Test
    void negotiatesTheFirstProtocolTheRemoteServesAndFailsWhenNone() throws Exception {
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        await(a.host.connect(b.address()));
        Stream s = await(a.host.newStream(b.node.peerId(), List.of("/unknown/1", ECHO), x -> new Collector()));
        assertEquals(ECHO, s.protocolId());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(a.host.newStream(b.node.peerId(), List.of("/unknown/1"), x -> new Collector())));
        assertTrue(e.getCause().getMessage().contains("none of"), e.getCause().getMessage());
    }

    @Test
    void aRemovedHandlerIsNoLongerOfferedItsStreamsAreResetAndListenersHearOfIt() throws Exception {
        EchoProtocol echo = new EchoProtocol(ECHO);
        CompletableFuture<Set<String>> change = new CompletableFuture<>();
        b.host.addProtocolHandler(echo);
        b.host.subscribe(new HostListener() {
            @Override
            public void protocolsChanged(Set<String> protocols) {
                change.complete(protocols);
            }
        });
        await(a.host.connect(b.address()));
        Collector open = new Collector();
        await(a.host.newStream(b.node.peerId(), List.of(ECHO), x -> open)).write("before".getBytes());
        Await.until("the echo", java.time.Duration.ofSeconds(10), () -> open.received().length == 6);
        b.host.removeProtocolHandler(echo);
        assertEquals(Set.of(), change.get(10, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> open.closed.get(10, TimeUnit.SECONDS), "the open stream was reset");
        assertThrows(ExecutionException.class,
                () -> await(a.host.newStream(b.node.peerId(), List.of(ECHO), x -> new Collector())));
    }

    @Test
    void refusesARemoteThatIsNotTheDialledPeer() throws Exception {
        Multiaddr wrong = b.host.listenAddresses().get(0).withPeerId(new TestNode().peerId());
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(a.host.connect(wrong)));
        assertTrue(e.getCause().getMessage().contains("not the dialled"), e.getCause().getMessage());
        assertTrue(a.host.connections().isEmpty());
    }

    @Test
    void garbageFromOnePeerClosesItsSocketAndLeavesOthersAlone() throws Exception {
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        await(a.host.connect(b.address()));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1",
                Integer.parseInt(b.host.listenAddresses().get(0).toString().replaceAll(".*/tcp/", "")));
        try (Socket raw = new Socket()) {
            raw.connect(target, 5000);
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3});
            out.flush();
            assertEquals(-1, raw.getInputStream().read());
        }
        assertArrayEquals("still fine".getBytes(), echo("still fine".getBytes()));
        assertFalse(b.host.connections().isEmpty());
    }
}
