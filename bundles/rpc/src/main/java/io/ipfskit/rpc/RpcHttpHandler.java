package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Routes {@code POST /api/v0/<command>} to the registered command (and {@code GET /debug/metrics/prometheus}, kubo's
 * scrape path, to the {@code debug/metrics/prometheus} command), off the event loop, one request at a time per
 * connection (a request that arrives while a command runs waits for it); the request body streams to the command as
 * it arrives ({@link BodyStream}).
 */
final class RpcHttpHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final System.Logger LOG = System.getLogger(RpcHttpHandler.class.getName());
    private static final String PREFIX = "/api/v0/";
    /** kubo's Prometheus scrape path on the API listener, answered to GET by the command of the same name. */
    static final String METRICS_PATH = "/debug/metrics/prometheus";
    private static final int MAX_WAITING = 64;
    /** The message of the 503 answered before the node is ready. */
    static final String NOT_READY = "node is starting";

    private final Function<String, RpcCommand> commands;
    private final RequestGuard guard;
    private final Executor workers;
    private final BooleanSupplier open;
    /** The body of the request being served, null between requests and while a refused request's body goes by. */
    private BodyStream body;
    private volatile boolean running;
    /** Messages of the next request(s) that arrived while a command ran; touched on the event loop only. */
    private final Queue<HttpObject> waiting = new ArrayDeque<>();

    /** Serves the commands once {@code open} says the node is ready; before that every command gets a 503. */
    RpcHttpHandler(Function<String, RpcCommand> commands, RequestGuard guard, Executor workers, BooleanSupplier open) {
        this.commands = commands;
        this.guard = guard;
        this.workers = workers;
        this.open = open;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (running || !waiting.isEmpty()) {
            wait(ctx, message);
            return;
        }
        handle(ctx, message);
    }

    private void handle(ChannelHandlerContext ctx, HttpObject message) {
        if (message instanceof HttpRequest request) {
            body = accept(ctx, request);
        }
        if (message instanceof HttpContent content && body != null) {
            body.offer(content.content().retain());
            if (content instanceof LastHttpContent) {
                body.end();
                body = null;
            }
        }
    }

    /** Holds a message that arrived while a command runs (a keep-alive client's next request); reading pauses. */
    private void wait(ChannelHandlerContext ctx, HttpObject message) {
        if (message instanceof HttpContent content && body != null) {
            handle(ctx, content);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        waiting.add(ReferenceCountUtil.retain(message));
        if (waiting.size() > MAX_WAITING) {
            LOG.log(System.Logger.Level.WARNING, "closing an RPC connection that sent {0} messages ahead", waiting.size());
            waiting.forEach(ReferenceCountUtil::release);
            waiting.clear();
            ctx.close();
        }
    }

    /** Serves what waited, now that the command has returned (event loop). */
    private void drain(ChannelHandlerContext ctx) {
        while (!waiting.isEmpty() && (!running || (body != null && waiting.peek() instanceof HttpContent))) {
            // Once a waiting request runs, the body parts that waited behind it are its own: they go to it too.
            HttpObject message = waiting.poll();
            try {
                handle(ctx, message);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        if (waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Starts the command for the request, or answers the refusal; returns where its body goes (null: nowhere). */
    private BodyStream accept(ChannelHandlerContext ctx, HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            plain(ctx, HttpResponseStatus.BAD_REQUEST, "400 - malformed request");
            return null;
        }
        String refusal = guard.refusal(request);
        if (refusal != null) {
            LOG.log(System.Logger.Level.WARNING, "refused RPC request: {0}", refusal);
            plain(ctx, HttpResponseStatus.FORBIDDEN, "403 - Forbidden");
            return null;
        }
        if (!open.getAsBoolean()) {
            ctx.writeAndFlush(HttpRpcResponse.errorResponse(503, RpcException.Kind.NORMAL.code(), NOT_READY));
            return null;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        boolean scrape = path.equals(METRICS_PATH);
        String name = path.startsWith(PREFIX) ? trimSlash(path.substring(PREFIX.length()))
                : scrape ? METRICS_PATH.substring(1) : null;
        RpcCommand command = name == null ? null : commands.apply(name);
        if (command == null) {
            plain(ctx, HttpResponseStatus.NOT_FOUND, "404 page not found");
            return null;
        }
        if (!HttpMethod.POST.equals(request.method()) && !(scrape && HttpMethod.GET.equals(request.method()))) {
            plain(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "405 - Method Not Allowed");
            return null;
        }
        BodyStream stream = new BodyStream(ctx.channel());
        RpcRequest call = toCall(name, query, request, stream);
        HttpRpcResponse response = new HttpRpcResponse(ctx.channel(), HttpUtil.isKeepAlive(request));
        running = true;
        try {
            workers.execute(() -> run(ctx, command, call, response, stream));
        } catch (RejectedExecutionException e) {
            running = false;
            ctx.writeAndFlush(HttpRpcResponse.errorResponse(503, RpcException.Kind.NORMAL.code(), "too many requests in flight"));
            return null;
        }
        return stream;
    }

    /** Runs the command; the connection takes its next request once the command returned, before the reply ends. */
    private void run(ChannelHandlerContext ctx, RpcCommand command, RpcRequest call, HttpRpcResponse response,
            BodyStream stream) {
        try {
            command.execute(call, response);
            finished(ctx, stream);
            response.complete();
        } catch (RpcException e) {
            finished(ctx, stream);
            response.fail(e.kind().httpStatus(), e.kind().code(), e.getMessage());
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "RPC {0}: {1}", call.command(), e.getMessage());
            if (ctx.channel().isActive()) {
                // A failure of the node (no durable tier, a full disk), not of the client: the client gets it as an
                // error while the rest of its request body is read and dropped.
                finished(ctx, stream);
                response.fail(500, RpcException.Kind.NORMAL.code(), String.valueOf(e.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RPC " + call.command() + " failed", e);
            finished(ctx, stream);
            response.fail(500, RpcException.Kind.IMPLEMENTATION.code(), String.valueOf(e.getMessage()));
        } finally {
            finished(ctx, stream);
        }
    }

    private void finished(ChannelHandlerContext ctx, BodyStream stream) {
        stream.close();
        if (running) {
            running = false;
            ctx.executor().execute(() -> drain(ctx));
        }
    }

    private static RpcRequest toCall(String name, QueryStringDecoder query, HttpRequest request, BodyStream stream) {
        Map<String, List<String>> options = new LinkedHashMap<>(query.parameters());
        List<String> arguments = options.remove("arg");
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return new RpcRequest(name, arguments == null ? List.of() : arguments, options, stream, contentType);
    }

    private static String trimSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private static void plain(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (body != null) {
            body.fail("the client closed the connection");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "RPC connection closed: {0}", cause.toString());
        if (body != null) {
            body.fail(cause.toString());
        }
        ctx.close();
    }
}
