package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcCommand;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request sent on a kept-alive connection while the previous command still runs gets its whole body. */
class PipelinedRequestsTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final EventLoopGroup group = new NioEventLoopGroup(1);

    @AfterEach
    void stop() {
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void theBodyOfARequestThatWaitedReachesItsCommand() throws Exception {
        CountDownLatch secondArrived = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        RpcCommand count = (request, response) -> {
            byte[] body = request.body().readAllBytes();
            if (request.option("first").isPresent()) {
                firstRunning.countDown();
                try {
                    secondArrived.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            response.json(Map.of("Bytes", body.length));
        };
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new RpcHttpHandler(name -> count,
                                new RequestGuard(5001, new String[0]), workers, () -> true));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request("/api/v0/count?first=1", "abc"));
            out.flush();
            assertTrue(firstRunning.await(10, TimeUnit.SECONDS));
            out.write(request("/api/v0/count", "x".repeat(100_000)));
            out.flush();
            secondArrived.countDown();
            String replies = read(socket.getInputStream(), "\"Bytes\":100000");
            assertTrue(replies.contains("{\"Bytes\":3}"), replies);
            assertEquals(2, replies.split("HTTP/1.1 200 OK").length - 1, replies);
        } finally {
            server.close().sync();
        }
    }

    private static byte[] request(String uri, String body) {
        return ("POST " + uri + " HTTP/1.1\r\nHost: 127.0.0.1:5001\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(InputStream in, String until) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!seen.toString(StandardCharsets.US_ASCII).contains(until)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.US_ASCII);
    }
}
