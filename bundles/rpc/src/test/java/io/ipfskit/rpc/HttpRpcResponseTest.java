package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcResponse;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRpcResponseTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final HttpRpcResponse response = new HttpRpcResponse(channel, true);

    @Test
    void aStreamThatFailsBeforeItsFirstValueIsAnErrorReply() throws Exception {
        response.jsonStream();
        assertNull(channel.readOutbound(), "nothing is sent before the first value");
        response.fail(500, 0, "no durable storage tier is running");
        FullHttpResponse error = channel.readOutbound();
        assertEquals(500, error.status().code());
        assertEquals("{\"Message\":\"no durable storage tier is running\",\"Code\":0,\"Type\":\"error\"}\n",
                error.content().toString(StandardCharsets.UTF_8));
        error.release();
    }

    @Test
    void aStreamThatFailsAfterAValueEndsWithTheTrailer() throws Exception {
        RpcResponse.JsonStream out = response.jsonStream();
        out.send(Map.of("Name", "a"));
        response.fail(500, 0, "disk full");
        HttpResponse head = channel.readOutbound();
        assertEquals("1", head.headers().get("X-Chunked-Output"));
        HttpContent line = channel.readOutbound();
        assertEquals("{\"Name\":\"a\"}\n", line.content().toString(StandardCharsets.UTF_8));
        line.release();
        LastHttpContent end = channel.readOutbound();
        assertEquals("disk full", end.trailingHeaders().get("X-Stream-Error"));
    }

    @Test
    void theCommandLearnsWhenTheClientGoes() throws Exception {
        java.util.concurrent.CompletableFuture<Void> gone = response.clientGone().toCompletableFuture();
        response.jsonStream();
        assertTrue(!gone.isDone(), "the client is still there");
        channel.close();
        gone.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void anEmptyStreamStillAnswersWithItsHeaders() throws Exception {
        response.jsonStream();
        response.complete();
        HttpResponse head = channel.readOutbound();
        assertEquals(200, head.status().code());
        assertTrue(head.headers().contains("X-Chunked-Output"));
        assertEquals(LastHttpContent.EMPTY_LAST_CONTENT, channel.readOutbound());
    }
}
