package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.http.support.ChunkedOutput;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;

/** Writes one command's reply to the HTTP channel: a whole JSON value, or chunks as kubo streams them. */
final class HttpRpcResponse implements RpcResponse {


    private final Channel channel;
    private final boolean keepAlive;
    private boolean started;
    private boolean streaming;
    /** A JSON stream was started but has sent nothing yet: its headers are still to go. */
    private boolean headersPending;
    private OutputStream rawOutput;

    HttpRpcResponse(Channel channel, boolean keepAlive) {
        this.channel = channel;
        this.keepAlive = keepAlive;
    }

    @Override
    public void json(Object value) throws IOException {
        begin();
        byte[] body = Json.encode(value);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body, new byte[] {'\n'}));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        finish(response);
    }

    /** Completes when the client's connection closes (a client that went away mid-stream). */
    @Override
    public java.util.concurrent.CompletionStage<Void> clientGone() {
        java.util.concurrent.CompletableFuture<Void> gone = new java.util.concurrent.CompletableFuture<>();
        channel.closeFuture().addListener(closed -> gone.complete(null));
        return gone;
    }

    /** The stream's headers go out with its first value (as kubo's), so a command failing before it gets an error reply. */
    @Override
    public JsonStream jsonStream() throws IOException {
        begin();
        headersPending = true;
        return value -> {
            sendPendingHeaders();
            byte[] line = Json.encode(value);
            await(channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(line, new byte[] {'\n'}))));
        };
    }

    @Override
    public OutputStream bytes(String contentType) throws IOException {
        startStream(contentType, "X-Stream-Output");
        rawOutput = new ChunkedOutput(channel);
        return rawOutput;
    }

    /** Ends the reply after the command returned: closes a stream, or reports a command that replied nothing. */
    void complete() throws IOException {
        sendPendingHeaders();
        if (streaming) {
            if (rawOutput != null) {
                rawOutput.flush();
            }
            finish(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (!started) {
            json(java.util.Map.of());
        }
    }

    /** Ends the reply with an error: a kubo error body, or an {@code X-Stream-Error} trailer once streaming began. */
    void fail(int status, int code, String message) {
        if (streaming) {
            LastHttpContent trailer = new DefaultLastHttpContent();
            trailer.trailingHeaders().set("X-Stream-Error", message);
            finishQuietly(trailer);
            return;
        }
        if (started && !headersPending) {
            channel.close();
            return;
        }
        started = true;
        headersPending = false;
        finishQuietly(errorResponse(status, code, message));
    }

    /** kubo's error reply: {@code {"Message":..., "Code":..., "Type":"error"}}. */
    static FullHttpResponse errorResponse(int status, int code, String message) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("Message", message);
        body.put("Code", code);
        body.put("Type", "error");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(Json.encode(body), new byte[] {'\n'}));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    private void sendPendingHeaders() throws IOException {
        if (headersPending) {
            headersPending = false;
            sendStreamHeaders(HttpHeaderValues.APPLICATION_JSON.toString(), "X-Chunked-Output");
        }
    }

    private void startStream(String contentType, String marker) throws IOException {
        begin();
        sendStreamHeaders(contentType, marker);
    }

    private void sendStreamHeaders(String contentType, String marker) throws IOException {
        streaming = true;
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(marker, "1");
        response.headers().set(HttpHeaderNames.TRAILER, "X-Stream-Error");
        HttpUtil.setTransferEncodingChunked(response, true);
        await(channel.writeAndFlush(response));
    }

    private void begin() {
        if (started) {
            throw new IllegalStateException("the command already started its reply");
        }
        started = true;
    }

    private void finish(Object last) throws IOException {
        if (last instanceof FullHttpResponse full) {
            HttpUtil.setContentLength(full, full.content().readableBytes());
            HttpUtil.setKeepAlive(full, keepAlive);
        }
        ChannelFuture future = channel.writeAndFlush(last);
        if (!keepAlive) {
            future.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
        await(future);
    }

    private void finishQuietly(Object last) {
        try {
            finish(last);
        } catch (IOException e) {
            channel.close();
        }
    }

    private void await(ChannelFuture future) throws IOException {
        ChunkedOutput.await(future, channel);
    }
}
