package io.ipfskit.transport.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.net.spi.MuxedTransport;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.security.tls.Libp2pCertificates;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport alone: who it lets in, and the bounds on a handshake. */
class QuicHandshakeTest {

    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/udp/0/quic-v1");
    private static final QuicSettings FAST = QuicSettings.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(500));

    private final TestNode listenerNode = new TestNode();
    private final QuicTransport listener = new QuicTransport(Libp2pCertificates.keyManager(listenerNode), 1, FAST);
    private final CompletableFuture<CompletionStage<MuxedTransport.Session>> accepted = new CompletableFuture<>();
    private Transport.Listener bound;

    @AfterEach
    void close() {
        if (bound != null) {
            bound.close();
        }
        listener.close();
    }

    private Multiaddr listen() throws Exception {
        bound = listener.listen(LOOPBACK, (remote, channel, handshake) -> accepted.complete(handshake));
        return bound.address();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertRefused(X509ExtendedKeyManager presented, TestNode expected) throws Exception {
        Multiaddr address = listen();
        QuicTransport dialler = new QuicTransport(presented, 1, FAST);
        try {
            assertThrows(ExecutionException.class,
                    () -> await(dialler.dial(address, expected.peerId(), Duration.ofSeconds(5))));
            assertThrows(ExecutionException.class, () -> await(await(accepted)), "the listener refuses it too");
        } finally {
            dialler.close();
        }
    }

    @Test
    void aGenuineCertificateOnBothSidesAuthenticatesBothPeers() throws Exception {
        Multiaddr address = listen();
        TestNode diallerNode = new TestNode();
        QuicTransport dialler = new QuicTransport(Libp2pCertificates.keyManager(diallerNode), 1, FAST);
        try {
            MuxedTransport.Session session = await(dialler.dial(address, listenerNode.peerId(), Duration.ofSeconds(5)));
            assertEquals(listenerNode.peerId(), session.security().remotePeer());
            assertEquals(diallerNode.peerId(), await(await(accepted)).security().remotePeer());
        } finally {
            dialler.close();
        }
    }

    @Test
    void aStreamTheRemoteOpensBeforeTheSessionStartsKeepsItsDataAndItsEnd() throws Exception {
        Multiaddr address = listen();
        QuicTransport dialler = new QuicTransport(Libp2pCertificates.keyManager(new TestNode()), 1, FAST);
        try {
            MuxedTransport.Session outbound = await(dialler.dial(address, listenerNode.peerId(), Duration.ofSeconds(5)));
            MuxedStream stream = await(outbound.start(s -> { }).openStream());
            await(stream.write(Unpooled.wrappedBuffer("early".getBytes(StandardCharsets.UTF_8))));
            stream.closeWrite();
            MuxedTransport.Session inbound = await(await(accepted));
            // a js-libp2p dialler writes at once, before our host has taken the connection
            Await.until("the stream to reach the listener", Duration.ofSeconds(10),
                    () -> ((QuicSession) inbound).streamCount() == 1);
            CompletableFuture<String> received = new CompletableFuture<>();
            StringBuilder text = new StringBuilder();
            inbound.channel().eventLoop().submit(() -> inbound.start(s -> s.handler(new MuxedStream.Handler() {
                @Override
                public void onData(ByteBuf data) {
                    text.append(data.toString(StandardCharsets.UTF_8));
                    data.release();
                }

                @Override
                public void onRemoteClose() {
                    received.complete(text.toString());
                }

                @Override
                public void onReset() {
                    received.completeExceptionally(new IOException("reset"));
                }
            }))).get(10, TimeUnit.SECONDS);
            assertEquals("early", received.get(10, TimeUnit.SECONDS));
        } finally {
            dialler.close();
        }
    }

    @Test
    void aDiallerWhoseExtensionIsSignedByAnotherKeyIsRefused() throws Exception {
        TestNode claimed = new TestNode();
        assertRefused(ForgedCertificates.signedByAnotherKey(claimed, new TestNode()), listenerNode);
    }

    @Test
    void aDiallerWithoutTheExtensionIsRefused() throws Exception {
        assertRefused(ForgedCertificates.withoutExtension(), listenerNode);
    }

    @Test
    void aListenerWhoseExtensionIsSignedByAnotherKeyIsRefusedByTheDialler() throws Exception {
        TestNode claimed = new TestNode();
        QuicTransport forged = new QuicTransport(ForgedCertificates.signedByAnotherKey(claimed, new TestNode()), 1, FAST);
        Transport.Listener forgedListener = forged.listen(LOOPBACK, (remote, channel, handshake) -> { });
        QuicTransport dialler = new QuicTransport(Libp2pCertificates.keyManager(new TestNode()), 1, FAST);
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(dialler.dial(forgedListener.address(), claimed.peerId(), Duration.ofSeconds(5))));
            assertFalse(e.getCause().getMessage().contains("not the dialled"), "refused by the certificate check");
        } finally {
            forgedListener.close();
            forged.close();
            dialler.close();
        }
    }

    @Test
    void aHandshakeThatNeverFinishesIsCutByItsBound() throws Exception {
        Multiaddr address = listen();
        QuicTransport dialler = new QuicTransport(Libp2pCertificates.keyManager(new TestNode()), 1,
                QuicSettings.DEFAULTS.withHandshakeTimeout(Duration.ofSeconds(30)));
        try (FirstPacketOnly path = new FirstPacketOnly(address)) {
            dialler.dial(path.address(), listenerNode.peerId(), Duration.ofSeconds(30));
            CompletionStage<MuxedTransport.Session> handshake = accepted.get(10, TimeUnit.SECONDS);
            long started = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(handshake));
            assertTrue(e.getCause().getMessage().contains("timed out"), e.getCause().getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "cut within its bound");
        } finally {
            dialler.close();
        }
    }
}
