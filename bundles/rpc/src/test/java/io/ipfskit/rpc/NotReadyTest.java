package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Until the node is ready every command gets kubo's error JSON with a 503, never a 404 or a half-ready answer. */
class NotReadyTest {

    private final ExecutorService workers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void commandsGet503UntilTheGateOpens() {
        AtomicBoolean ready = new AtomicBoolean();
        EmbeddedChannel channel = new EmbeddedChannel(new RpcHttpHandler(name -> null,
                new RequestGuard(5001, new String[0]), workers, ready::get));

        FullHttpResponse starting = post(channel, "/api/v0/id");
        assertEquals(503, starting.status().code());
        assertEquals("{\"Message\":\"node is starting\",\"Code\":0,\"Type\":\"error\"}",
                starting.content().toString(StandardCharsets.UTF_8).trim());
        starting.release();

        ready.set(true);
        FullHttpResponse routed = post(channel, "/api/v0/no-such-command");
        assertEquals(404, routed.status().code(), "once ready the request reaches the command routing");
        routed.release();
    }

    private static FullHttpResponse post(EmbeddedChannel channel, String uri) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri));
        return channel.readOutbound();
    }
}
