package io.ipfskit.gateway;

import io.ipfskit.http.support.ChunkedOutput;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves one connection's requests one at a time, each on a worker (never the event loop): parse, open the request's
 * retrieval, shape the reply, write it. Requests pipelined behind a running one wait (at most {@link #MAX_WAITING},
 * reading paused); request bodies are dropped; a full worker queue is a 429; an idle connection is closed.
 */
final class GatewayHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final System.Logger LOG = System.getLogger(GatewayHandler.class.getName());
    static final int MAX_WAITING = 8;

    private final Gateway gateway;
    private final Retrievals retrievals;
    private final Executor workers;
    private final Queue<HttpRequest> waiting = new ArrayDeque<>();
    /** A request of this connection is being served; touched on the event loop only. */
    private boolean busy;

    GatewayHandler(Gateway gateway, Retrievals retrievals, Executor workers) {
        this.gateway = gateway;
        this.retrievals = retrievals;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (!(message instanceof HttpRequest request)) {
            return;
        }
        if (!busy) {
            start(ctx, request);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        waiting.add(request);
        if (waiting.size() > MAX_WAITING) {
            ctx.close();
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            int status = cause instanceof TooLongFrameException ? 431 : 400;
            busy = true;
            refuse(ctx, status, "malformed request: " + cause.getMessage(), false);
            return;
        }
        busy = true;
        try {
            workers.execute(() -> serve(ctx, request, keepAlive));
        } catch (RejectedExecutionException e) {
            refuse(ctx, 429, "too many requests in flight", keepAlive);
        }
    }

    private void serve(ChannelHandlerContext ctx, HttpRequest request, boolean keepAlive) {
        GatewayRequest parsed;
        try {
            parsed = GatewayRequest.parse(request.method(), request.uri(), request.headers());
        } catch (GatewayException e) {
            Map<String, String> headers = e.status() == 405 ? Map.of("Allow", "GET, HEAD") : Map.of();
            send(ctx, Reply.error(e.status(), e.getMessage(), headers), false, keepAlive);
            return;
        }
        Retrieval retrieval = retrievals.open(parsed.onlyIfCached());
        try {
            send(ctx, gateway.serve(parsed, retrieval), parsed.head(), keepAlive);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "gateway request " + parsed.rawPath() + " failed", e);
            ctx.close();
        } finally {
            retrievals.release(retrieval);
        }
    }

    /** Writes the reply (its head alone for HEAD), then lets the connection's next request in. */
    private void send(ChannelHandlerContext ctx, Reply reply, boolean head, boolean keepAlive) {
        boolean open = keepAlive;
        try {
            if (reply.body() == null || head) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(reply.status()), Unpooled.EMPTY_BUFFER);
                reply.headers().forEach(response.headers()::set);
                if (reply.body() != null && reply.length() >= 0) {
                    HttpUtil.setContentLength(response, reply.length());
                }
                HttpUtil.setKeepAlive(response, keepAlive);
                ChunkedOutput.await(ctx.writeAndFlush(response), ctx.channel());
                return;
            }
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()));
            reply.headers().forEach(response.headers()::set);
            if (reply.length() >= 0) {
                HttpUtil.setContentLength(response, reply.length());
            } else {
                HttpUtil.setTransferEncodingChunked(response, true);
            }
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.write(response);
            try (ChunkedOutput out = new ChunkedOutput(ctx.channel())) {
                reply.body().write(out);
            }
            ChunkedOutput.await(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), ctx.channel());
        } catch (IOException e) {
            // The status is sent: the only way left to tell the client is to cut the response short.
            LOG.log(System.Logger.Level.DEBUG, "gateway response cut short: {0}", e.getMessage());
            open = false;
        } finally {
            boolean keep = open;
            try {
                ctx.executor().execute(() -> finished(ctx, keep));
            } catch (RejectedExecutionException stopped) {
                // the event loop has stopped (the gateway is stopping): the connection is gone with it
            }
        }
    }

    /** Answers on the event loop without a worker (a malformed request, a full queue), then goes on as {@link #send}. */
    private void refuse(ChannelHandlerContext ctx, int status, String message, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set("Content-Type", "text/plain; charset=utf-8");
        if (status == 429) {
            response.headers().set("Retry-After", "1");
        }
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(f -> finished(ctx, keepAlive && f.isSuccess()));
    }

    /** The reply is written (event loop): closes, or serves the next waiting request. */
    private void finished(ChannelHandlerContext ctx, boolean keepAlive) {
        busy = false;
        if (!keepAlive) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        HttpRequest next = waiting.poll();
        if (waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (next != null) {
            start(ctx, next);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !busy) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "gateway connection closed: {0}", cause.toString());
        ctx.close();
    }
}
