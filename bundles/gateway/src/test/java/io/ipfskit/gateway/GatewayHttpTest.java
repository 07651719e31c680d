package io.ipfskit.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener over real HTTP on loopback: bodies, HEAD, keep-alive and pipelining, refusals, and a clean close. */
class GatewayHttpTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Fixture f;
    private NioEventLoopGroup group;
    private Retrievals retrievals;
    private GatewayListener listener;
    private String base;

    @BeforeEach
    void listen() throws Exception {
        f = new Fixture();
        group = new NioEventLoopGroup(1);
        retrievals = new Retrievals(f.store, () -> null, Duration.ofSeconds(5));
        listener = GatewayListener.open(group, Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), 2, f.gateway, retrievals);
        base = "http://127.0.0.1:" + GatewayListener.socketOf(listener.address()).getPort();
    }

    @AfterEach
    void close() {
        listener.close();
        retrievals.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesAFileACarAndHeadOverHttp() throws Exception {
        HttpResponse<byte[]> file = send("GET", "/ipfs/" + f.dir + "/big.bin");
        assertEquals(200, file.statusCode());
        assertArrayEquals(f.big, file.body());
        assertEquals(String.valueOf(Fixture.BIG_SIZE), file.headers().firstValue("Content-Length").orElseThrow());

        HttpResponse<byte[]> car = send("GET", "/ipfs/" + f.bigFile + "?format=car");
        assertEquals(200, car.statusCode());
        assertEquals("chunked", car.headers().firstValue("Transfer-Encoding").orElseThrow());
        assertTrue(car.body().length > Fixture.BIG_SIZE);

        HttpResponse<byte[]> head = send("HEAD", "/ipfs/" + f.bigFile);
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(Fixture.BIG_SIZE), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("\"" + f.bigFile + "\"", head.headers().firstValue("Etag").orElseThrow());

        HttpResponse<byte[]> post = send("POST", "/ipfs/" + f.hello);
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        int port = GatewayListener.socketOf(listener.address()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String one = "GET /ipfs/" + f.hello + " HTTP/1.1\r\nHost: x\r\n\r\n";
            String two = "GET /ipfs/" + f.hello + "?format=raw HTTP/1.1\r\nHost: x\r\n\r\n";
            String three = "GET /ipfs/" + f.hello + "/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            out.write((one + two + three).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int first = all.indexOf("HTTP/1.1 200");
            int second = all.indexOf("application/vnd.ipld.raw");
            int third = all.indexOf("HTTP/1.1 404");
            assertTrue(first >= 0 && first < second && second < third, all);
            assertEquals(3, all.split("HTTP/1\\.1 \\d{3} ", -1).length - 1, all);
        }
    }

    @Test
    void anOverlongRequestLineIsRefused() throws Exception {
        int port = GatewayListener.socketOf(listener.address()).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String path = "/ipfs/" + f.hello + "/" + "a".repeat(GatewayListener.MAX_INITIAL_LINE);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.startsWith("HTTP/1.1 4"), status);
        }
    }

    @Test
    void newWorkersApplyInPlaceOnTheSamePort() throws Exception {
        Multiaddr before = listener.address();
        listener.workers(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send("GET", "/ipfs/" + f.hello).statusCode());
        }
        assertEquals(before, listener.address());
    }

    @Test
    void closingStopsEveryThreadOfTheListener() throws Exception {
        assertEquals(200, send("GET", "/ipfs/" + f.hello).statusCode());
        close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gatewayThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, gatewayThreads(), "worker and watchdog threads end with the listener");
        listen();
    }

    private static long gatewayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("ipfskit-gateway")).count();
    }
}
