package io.ipfskit.http.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpListenerTest {

    private static final Multiaddr LOOPBACK = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final AtomicReference<Executor> workers = new AtomicReference<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Answers every request from a worker with the worker thread's name. */
    private HttpListener.Pipeline threadNames() {
        return (channel, pool) -> {
            workers.set(pool);
            channel.pipeline().addLast(new HttpServerCodec(), new SimpleChannelInboundHandler<HttpRequest>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
                    pool.execute(() -> {
                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                Unpooled.copiedBuffer(Thread.currentThread().getName(), StandardCharsets.UTF_8));
                        HttpUtil.setContentLength(response, response.content().readableBytes());
                        ctx.writeAndFlush(response);
                    });
                }
            });
        };
    }

    private static String get(HttpListener listener) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + listener.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @Test
    void servesOnAnEphemeralPortFromItsWorkersAndChangesThemInPlace() throws Exception {
        try (HttpListener listener = HttpListener.open(group, LOOPBACK, "the test", 2, "test-worker", threadNames())) {
            assertTrue(listener.port() > 0);
            assertEquals(LOOPBACK, listener.requested());
            assertEquals(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + listener.port()), listener.address());
            assertTrue(get(listener).startsWith("test-worker"), "requests run on the listener's workers");
            int port = listener.port();
            listener.workers(3);
            assertEquals(3, listener.workers());
            assertEquals(port, listener.port(), "the socket stays");
            assertTrue(get(listener).startsWith("test-worker"));
        }
    }

    @Test
    void theQueueOfRequestsIsBounded() throws Exception {
        try (HttpListener listener = HttpListener.open(group, LOOPBACK, "the test", 1, "test-worker", threadNames())) {
            get(listener);
            Executor pool = workers.get();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            pool.execute(() -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> { });
            }
            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }), "one running, four queued");
            release.countDown();
        }
    }

    @Test
    void closingClosesItsConnections() throws Exception {
        HttpListener listener = HttpListener.open(group, LOOPBACK, "the test", 1, "test-worker", threadNames());
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertTrue(in.read() > 0, "an answer");
            listener.close();
            while (in.read() >= 0) {
                // the rest of the answer, then the end of the stream
            }
        }
    }

    @Test
    void anAddressThatIsNotTcpIsRefusedNamingWhatItWasFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpListener.open(group,
                Multiaddr.parse("/ip4/127.0.0.1/udp/0"), "the test", 1, "test-worker", threadNames()));
        assertEquals("the test address /ip4/127.0.0.1/udp/0 is not an ip4/ip6 tcp multiaddr", e.getMessage());
    }
}
