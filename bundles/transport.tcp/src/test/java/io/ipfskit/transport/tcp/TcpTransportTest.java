package io.ipfskit.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {

    private final TcpTransport tcp = new TcpTransport(1, 16);

    @AfterEach
    void close() {
        tcp.close();
    }

    @Test
    void handlesTcpOverIpAndDnsOnly() {
        assertTrue(tcp.handles(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
        assertTrue(tcp.handles(Multiaddr.parse("/ip6/::1/tcp/4001")));
        assertTrue(tcp.handles(Multiaddr.parse("/dns4/example.com/tcp/4001")));
        assertTrue(tcp.handles(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA")));
        assertFalse(tcp.handles(Multiaddr.parse("/ip4/127.0.0.1/udp/4001/quic-v1")));
    }

    @Test
    void listensOnAnEphemeralPortAndReportsBothEnds() throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        try (Transport.Listener listener = tcp.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                accepted.complete(ch);
            }
        })) {
            assertNotEquals("/ip4/127.0.0.1/tcp/0", listener.address().toString());
            Channel client = tcp.dial(listener.address(), Duration.ofSeconds(5), new ChannelInboundHandlerAdapter())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            Channel server = accepted.get(5, TimeUnit.SECONDS);
            assertEquals(listener.address(), tcp.remoteAddress(client));
            assertEquals(tcp.localAddress(client), tcp.remoteAddress(server));
            client.close().sync();
        }
    }

    @Test
    void aDialStartsFromTheListenPortAndASecondToTheSamePeerFromAnotherPort() throws Exception {
        TcpTransport other = new TcpTransport(1, 16);
        CompletableFuture<Channel> first = new CompletableFuture<>();
        CompletableFuture<Channel> second = new CompletableFuture<>();
        try (Transport.Listener ours = tcp.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new ChannelInboundHandlerAdapter());
                Transport.Listener theirs = other.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!first.complete(ch)) {
                            second.complete(ch);
                        }
                    }
                })) {
            Channel one = tcp.dial(theirs.address(), Duration.ofSeconds(5), new ChannelInboundHandlerAdapter())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(ours.address(), other.remoteAddress(first.get(5, TimeUnit.SECONDS)), "dialled from the listen port");
            Channel two = tcp.dial(theirs.address(), Duration.ofSeconds(5), new ChannelInboundHandlerAdapter())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertNotEquals(ours.address(), other.remoteAddress(second.get(5, TimeUnit.SECONDS)),
                    "the pair of ports is taken, so the second dial starts from an ephemeral port");
            one.close().sync();
            two.close().sync();
        } finally {
            other.close();
        }
    }

    @Test
    void withoutReusePortADialStartsFromAnEphemeralPort() throws Exception {
        TcpTransport plain = new TcpTransport(1, 16, false);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        try (Transport.Listener ours = plain.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new ChannelInboundHandlerAdapter());
                Transport.Listener theirs = tcp.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.complete(ch);
                    }
                })) {
            Channel one = plain.dial(theirs.address(), Duration.ofSeconds(5), new ChannelInboundHandlerAdapter())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertNotEquals(ours.address(), tcp.remoteAddress(accepted.get(5, TimeUnit.SECONDS)));
            one.close().sync();
        } finally {
            plain.close();
        }
    }

    @Test
    void aRefusedDialFailsNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Multiaddr closed = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + port);
        ExecutionException e = assertThrows(ExecutionException.class, () -> tcp.dial(closed, Duration.ofSeconds(5),
                new ChannelInboundHandlerAdapter()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains(closed.toString()), e.getCause().getMessage());
    }

    @Test
    void ip4AndIp6WildcardsShareOnePortAsKuboDefaults() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ChannelInboundHandlerAdapter nothing = new ChannelInboundHandlerAdapter() {
            @Override
            public boolean isSharable() {
                return true;
            }
        };
        Transport.Listener ip4 = tcp.listen(Multiaddr.parse("/ip4/0.0.0.0/tcp/" + port), nothing);
        Transport.Listener ip6 = tcp.listen(Multiaddr.parse("/ip6/::/tcp/" + port), nothing);
        assertEquals(Multiaddr.parse("/ip4/0.0.0.0/tcp/" + port), ip4.address());
        assertEquals(Multiaddr.parse("/ip6/::/tcp/" + port), ip6.address());
        try (Socket v4 = new Socket("127.0.0.1", port); Socket v6 = new Socket("::1", port)) {
            assertTrue(v4.isConnected() && v6.isConnected(), "one dual-stack socket serves both families");
        }
        ip4.close();
        try (Socket still = new Socket("::1", port)) {
            assertTrue(still.isConnected(), "the other listener keeps the shared socket open");
        }
        ip6.close();
        assertTrue(bindable(port, Duration.ofSeconds(10)), "no socket listens on the port once both listeners closed");
    }

    /** Whether the port can be bound again within the bound (the JDK releases a closed selectable socket lazily). */
    private static boolean bindable(int port, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new java.net.InetSocketAddress(port));
                return true;
            } catch (java.io.IOException stillListening) {
                Thread.sleep(20);
            }
        }
        return false;
    }
}
