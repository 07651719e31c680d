package io.ipfskit.transport.ws;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WsTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    private WsTransport server = transport(WsPipelines.MAX_MESSAGE_BYTES, WsPipelines.UPGRADE_TIMEOUT_MILLIS, none());
    private WsTransport client = transport(WsPipelines.MAX_MESSAGE_BYTES, WsPipelines.UPGRADE_TIMEOUT_MILLIS, none());

    @AfterEach
    void close() {
        server.close();
        client.close();
    }

    @Test
    void handlesPlainAndSecureWebSocketAddressesOnly() {
        assertTrue(server.handles(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/ws")));
        assertTrue(server.handles(Multiaddr.parse("/ip6/::1/tcp/4001/ws/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA")));
        assertTrue(server.handles(Multiaddr.parse("/dns4/example.com/tcp/443/tls/ws")));
        assertTrue(server.handles(Multiaddr.parse("/dns4/example.com/tcp/443/wss")));
        assertFalse(server.handles(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
        assertFalse(server.handles(Multiaddr.parse("/ip4/127.0.0.1/udp/4001/quic-v1")));
        assertFalse(server.handles(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/ws/p2p-circuit")));
    }

    @Test
    void carriesBytesBothWaysAndReportsWebSocketAddresses() throws Exception {
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws"), recorder("server"))) {
            assertTrue(listener.address().toString().matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/ws"), listener.address().toString());
            Channel dialled = client.dial(listener.address(), TIMEOUT, recorder("client")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            dialled.writeAndFlush(bytes("hello")).sync();
            assertEquals("server:hello", received.poll(5, TimeUnit.SECONDS));
            Channel answering = accepted.get(5, TimeUnit.SECONDS);
            answering.writeAndFlush(bytes("world")).sync();
            assertEquals("client:world", received.poll(5, TimeUnit.SECONDS));
            assertEquals(listener.address(), client.remoteAddress(dialled));
            assertEquals(client.localAddress(dialled), server.remoteAddress(answering));
            dialled.close().sync();
        }
    }

    @Test
    void aLargeWriteArrivesWhole() throws Exception {
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws"), recorder("server"))) {
            Channel dialled = client.dial(listener.address(), TIMEOUT, recorder("client")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            String big = "x".repeat(WsPipelines.MAX_MESSAGE_BYTES);
            dialled.writeAndFlush(bytes(big)).sync();
            assertEquals("server:" + big, received.poll(5, TimeUnit.SECONDS));
            dialled.close().sync();
        }
    }

    @Test
    void aMessageAboveTheBoundClosesTheConnection() throws Exception {
        server.close();
        server = transport(1024, WsPipelines.UPGRADE_TIMEOUT_MILLIS, none());
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws"), recorder("server"))) {
            Channel dialled = client.dial(listener.address(), TIMEOUT, recorder("client")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            dialled.writeAndFlush(bytes("y".repeat(1025)));
            assertTrue(accepted.get(5, TimeUnit.SECONDS).closeFuture().await(5, TimeUnit.SECONDS));
            assertTrue(received.isEmpty(), "nothing above the bound was delivered");
        }
    }

    @Test
    void httpWithoutAnUpgradeIsClosedAndNeverReachesTheHost() throws Exception {
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws"), recorder("server"));
             Socket socket = connect(listener)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
            out.flush();
            assertEquals(-1, drain(socket.getInputStream()), "the connection is closed");
            assertFalse(accepted.isDone(), "the host never saw the channel");
        }
    }

    @Test
    void anUpgradeThatNeverComesIsCutByItsBound() throws Exception {
        server.close();
        server = transport(WsPipelines.MAX_MESSAGE_BYTES, 300, none());
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws"), recorder("server"));
             Socket socket = connect(listener)) {
            socket.setSoTimeout(5000);
            assertEquals(-1, drain(socket.getInputStream()), "closed after the upgrade bound, not left open");
            assertFalse(accepted.isDone());
        }
    }

    @Test
    void aSecureListenerNeedsACertificate() {
        var e = assertThrows(java.io.IOException.class,
                () -> server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/tls/ws"), recorder("server")));
        assertTrue(e.getMessage().contains("certificate"), e.getMessage());
    }

    @Test
    void carriesBytesOverTlsToATrustedCertificateForItsHostName() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        useTls(certificate);
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/tls/ws"), recorder("server"))) {
            assertTrue(listener.address().toString().endsWith("/tls/ws"), listener.address().toString());
            Channel dialled = client.dial(byName(listener, "tls/ws"), TIMEOUT, recorder("client")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            dialled.writeAndFlush(bytes("secret")).sync();
            assertEquals("server:secret", received.poll(5, TimeUnit.SECONDS));
            assertTrue(client.remoteAddress(dialled).toString().endsWith("/tls/ws"));
            dialled.close().sync();
        } finally {
            certificate.delete();
        }
    }

    @Test
    void tlsRefusesAnUntrustedCertificateAndAWrongHostName() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        useTls(certificate);
        WsTransport untrusting = transport(WsPipelines.MAX_MESSAGE_BYTES, WsPipelines.UPGRADE_TIMEOUT_MILLIS, none());
        try (Transport.Listener listener = server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/tls/ws"), recorder("server"))) {
            assertThrows(ExecutionException.class, () -> untrusting.dial(byName(listener, "wss"), TIMEOUT, recorder("client"))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS), "a certificate outside the trust store");
            assertThrows(ExecutionException.class, () -> client.dial(listener.address(), TIMEOUT, recorder("client"))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS), "a certificate for localhost dialled as 127.0.0.1");
            assertFalse(accepted.isDone() && received.size() > 0);
        } finally {
            untrusting.close();
            certificate.delete();
        }
    }

    private void useTls(SelfSignedCertificate certificate) throws Exception {
        server.close();
        client.close();
        String cert = certificate.certificate().getPath();
        server = transport(WsPipelines.MAX_MESSAGE_BYTES, WsPipelines.UPGRADE_TIMEOUT_MILLIS,
                WsTls.of(cert, certificate.privateKey().getPath(), ""));
        client = transport(WsPipelines.MAX_MESSAGE_BYTES, WsPipelines.UPGRADE_TIMEOUT_MILLIS, WsTls.of("", "", cert));
    }

    private static Multiaddr byName(Transport.Listener listener, String suffix) {
        int port = listener.address().toSocketAddress().orElseThrow().getPort();
        return Multiaddr.parse("/dns4/localhost/tcp/" + port + "/" + suffix);
    }

    private static WsTransport transport(int maxMessage, long upgradeMillis, WsTls tls) {
        return new WsTransport(1, 16, new WsPipelines(maxMessage, upgradeMillis, tls));
    }

    private static WsTls none() {
        try {
            return WsTls.of("", "", "");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Socket connect(Transport.Listener listener) throws Exception {
        InetSocketAddress address = listener.address().toSocketAddress().orElseThrow();
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads until the end of the stream; returns -1 once closed. */
    private static int drain(InputStream in) throws Exception {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // the server's answer, if any, is not what is checked
        }
        return -1;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, US_ASCII);
    }

    /** Records what reaches the host's place in the pipeline, prefixed by the side; accepted channels are kept. */
    private ChannelHandler recorder(String side) {
        return new ChannelInboundHandlerAdapter() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                if (side.equals("server")) {
                    accepted.complete(ctx.channel());
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buffer = (ByteBuf) msg;
                pending.append(buffer.toString(US_ASCII));
                buffer.release();
                received.add(side + ":" + pending);
                pending.setLength(0);
            }

            @Override
            public boolean isSharable() {
                return true;
            }
        };
    }
}
