package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.admin.RpcCommand;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kubo's {@code GET /debug/metrics/prometheus} reaches the command of that name; GET stays refused everywhere else. */
class ScrapePathTest {

    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final List<String> ran = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void getOfTheScrapePathRunsTheMetricsCommand() throws Exception {
        RpcCommand scrape = (request, response) -> {
            ran.add(request.command());
            response.bytes("text/plain").write("ipfskit_x 1\n".getBytes());
        };
        EmbeddedChannel channel = new EmbeddedChannel(new RpcHttpHandler(
                name -> name.equals("debug/metrics/prometheus") || name.equals("id") ? scrape : null,
                new RequestGuard(5001, new String[0]), workers, () -> true));

        assertEquals(200, status(channel, HttpMethod.GET, "/debug/metrics/prometheus"));
        assertEquals(List.of("debug/metrics/prometheus"), ran);
        assertEquals(405, status(channel, HttpMethod.GET, "/api/v0/id"), "GET is refused for the commands");
        assertEquals(405, status(channel, HttpMethod.PUT, "/debug/metrics/prometheus"));
        assertEquals(List.of("debug/metrics/prometheus"), ran);
    }

    @Test
    void withoutTheMetricsBundleTheScrapePathIsNotFound() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new RpcHttpHandler(name -> null,
                new RequestGuard(5001, new String[0]), workers, () -> true));
        assertEquals(404, status(channel, HttpMethod.GET, "/debug/metrics/prometheus"));
    }

    /** The status of the reply, waiting (bounded) for a command that runs on the worker. */
    private int status(EmbeddedChannel channel, HttpMethod method, String uri) throws Exception {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set("Host", "127.0.0.1:5001");
        channel.writeInbound(request);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            channel.runPendingTasks();
            Object out = channel.readOutbound();
            if (out instanceof HttpResponse response) {
                int code = response.status().code();
                drain(channel, out);
                return code;
            }
            ReferenceCountUtil.release(out);
            Thread.sleep(5);
        }
        throw new AssertionError("no reply to " + method + " " + uri);
    }

    private static void drain(EmbeddedChannel channel, Object first) throws InterruptedException {
        ReferenceCountUtil.release(first);
        if (first instanceof FullHttpResponse) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            channel.runPendingTasks();
            Object next = channel.readOutbound();
            ReferenceCountUtil.release(next);
            if (next instanceof io.netty.handler.codec.http.LastHttpContent) {
                return;
            }
            if (next == null) {
                Thread.sleep(5);
            }
        }
    }
}
