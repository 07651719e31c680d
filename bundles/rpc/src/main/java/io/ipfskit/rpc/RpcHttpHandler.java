package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/** Routes {@code POST /api/v0/<command>} to the registered command, off the event loop, one request at a time per connection. */
final class RpcHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final System.Logger LOG = System.getLogger(RpcHttpHandler.class.getName());
    private static final String PREFIX = "/api/v0/";

    private final Function<String, RpcCommand> commands;
    private final RequestGuard guard;
    private final ExecutorService workers;

    RpcHttpHandler(Function<String, RpcCommand> commands, RequestGuard guard, ExecutorService workers) {
        this.commands = commands;
        this.guard = guard;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            plain(ctx, HttpResponseStatus.BAD_REQUEST, "400 - malformed request");
            return;
        }
        String refusal = guard.refusal(request);
        if (refusal != null) {
            LOG.log(System.Logger.Level.WARNING, "refused RPC request: {0}", refusal);
            plain(ctx, HttpResponseStatus.FORBIDDEN, "403 - Forbidden");
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        RpcCommand command = path.startsWith(PREFIX) ? commands.apply(trimSlash(path.substring(PREFIX.length()))) : null;
        if (command == null) {
            plain(ctx, HttpResponseStatus.NOT_FOUND, "404 page not found");
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            plain(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "405 - Method Not Allowed");
            return;
        }
        RpcRequest call = toCall(trimSlash(path.substring(PREFIX.length())), query, request);
        HttpRpcResponse response = new HttpRpcResponse(ctx.channel(), HttpUtil.isKeepAlive(request));
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> run(ctx, command, call, response));
        } catch (RejectedExecutionException e) {
            ctx.channel().config().setAutoRead(true);
            ctx.writeAndFlush(HttpRpcResponse.errorResponse(503, RpcException.Kind.NORMAL.code(), "too many requests in flight"));
        }
    }

    private static void run(ChannelHandlerContext ctx, RpcCommand command, RpcRequest call, HttpRpcResponse response) {
        try {
            command.execute(call, response);
            response.complete();
        } catch (RpcException e) {
            response.fail(e.kind().httpStatus(), e.kind().code(), e.getMessage());
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "RPC {0}: {1}", call.command(), e.getMessage());
            ctx.channel().close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RPC " + call.command() + " failed", e);
            response.fail(500, RpcException.Kind.IMPLEMENTATION.code(), String.valueOf(e.getMessage()));
        } finally {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static RpcRequest toCall(String name, QueryStringDecoder query, FullHttpRequest request) {
        Map<String, List<String>> options = new LinkedHashMap<>(query.parameters());
        List<String> arguments = options.remove("arg");
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return new RpcRequest(name, arguments == null ? List.of() : arguments, options,
                new ByteArrayInputStream(ByteBufUtil.getBytes(request.content())), contentType);
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
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "RPC connection closed: {0}", cause.toString());
        ctx.close();
    }
}
