package io.ipfskit.gateway;

import io.ipfskit.http.support.HttpListener;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;

/**
 * The gateway's bound HTTP listener ({@link HttpListener}) with its pool of workers. Closing it stops accepting,
 * closes its connections and stops the workers.
 */
final class GatewayListener implements AutoCloseable {

    /** Longest request line and header block accepted (414/431 beyond). */
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADERS = 16384;
    /** Seconds a connection may stay idle between requests. */
    static final int IDLE_SECONDS = 120;
    private static final String WHAT = "the gateway";

    private final HttpListener http;

    private GatewayListener(HttpListener http) {
        this.http = http;
    }

    /** Binds the address; {@link IllegalArgumentException} naming the reason when it cannot. */
    static GatewayListener open(EventLoopGroup group, Multiaddr requested, int workerCount, Gateway gateway,
            Retrievals retrievals) {
        return new GatewayListener(HttpListener.open(group, requested, WHAT, workerCount, "ipfskit-gateway-worker",
                (channel, workers) -> channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                        new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192),
                        new GatewayHandler(gateway, retrievals, workers))));
    }

    /** Serves with this many workers from now on (requests running finish on the old ones); the socket stays. */
    void workers(int count) {
        http.workers(count);
    }

    /** The ip4/ip6 TCP socket of a multiaddr; {@link IllegalArgumentException} for any other. */
    static InetSocketAddress socketOf(Multiaddr requested) {
        return HttpListener.socketOf(requested, WHAT);
    }

    /** The address asked for (port 0 stays 0). */
    Multiaddr requested() {
        return http.requested();
    }

    /** The address listened on, port resolved. */
    Multiaddr address() {
        return http.address();
    }

    @Override
    public void close() {
        http.close();
    }
}
