package io.ipfskit.transport.ws;

import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** The channel pipelines of both ends: TLS when asked, HTTP, the WebSocket upgrade, then {@link WsByteStream}. */
final class WsPipelines {

    /** Largest message accepted by default: well above a Noise frame (64 KiB) or a TLS record, and bounded. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Time allowed for the HTTP upgrade by default. */
    static final long UPGRADE_TIMEOUT_MILLIS = 10_000;
    /** Largest HTTP upgrade request or response. */
    private static final int MAX_HTTP_BYTES = 8192;

    private final int maxMessageBytes;
    private final long upgradeTimeoutMillis;
    private final WsTls tls;

    WsPipelines(int maxMessageBytes, long upgradeTimeoutMillis, WsTls tls) {
        this.maxMessageBytes = maxMessageBytes;
        this.upgradeTimeoutMillis = upgradeTimeoutMillis;
        this.tls = tls;
    }

    /** The initializer of a dialled channel; {@code upgraded} completes once the WebSocket is open. */
    ChannelInitializer<Channel> client(Multiaddr address, ChannelHandler next, CompletableFuture<Channel> upgraded) {
        boolean secure = WsAddresses.secure(address);
        String host = WsAddresses.hostName(address);
        int port = WsAddresses.toSocketAddress(address).getPort();
        URI uri = URI.create((secure ? "wss://" : "ws://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).allowExtensions(false)
                .maxFramePayloadLength(maxMessageBytes).handshakeTimeoutMillis(upgradeTimeoutMillis)
                .handleCloseFrames(true).dropPongFrames(true).build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (secure) {
                    channel.pipeline().addLast(tls.client(channel, host, port));
                }
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HTTP_BYTES),
                        new WebSocketClientProtocolHandler(config), new WsByteStream(next, upgraded, upgradeTimeoutMillis));
            }
        };
    }

    /** The initializer of an accepted channel: a secure listener needs the configured certificate. */
    ChannelInitializer<Channel> server(boolean secure, ChannelHandler next) throws IOException {
        if (secure) {
            tls.requireServer();
        }
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true).handshakeTimeoutMillis(upgradeTimeoutMillis)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessageBytes)
                        .allowExtensions(false).build())
                .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (secure) {
                    channel.pipeline().addLast(tls.server(channel));
                }
                channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HTTP_BYTES),
                        new WebSocketServerProtocolHandler(config), new WsByteStream(next, new CompletableFuture<>(), upgradeTimeoutMillis));
            }
        };
    }

    /** Whether the channel runs WebSocket over TLS. */
    boolean secure(Channel channel) {
        return channel.pipeline().get(SslHandler.class) != null;
    }
}
