package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.http.support.HttpListener;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The API's bound HTTP listener ({@link HttpListener}); its settings (allowed origins, worker pool) can change in place
 * without rebinding, and new connections take the current ones. Closing it stops accepting and stops the workers.
 */
final class RpcListener implements AutoCloseable {

    private static final String WHAT = "the API";

    private final HttpListener http;
    private final AtomicReference<String[]> allowedOrigins;

    private RpcListener(HttpListener http, AtomicReference<String[]> allowedOrigins) {
        this.http = http;
        this.allowedOrigins = allowedOrigins;
    }

    /** Checks a configuration completely; the message of the exception names what is wrong. */
    static void validate(Multiaddr requested, RpcConfig config) {
        HttpListener.socketOf(requested, WHAT);
        if (config.workers() < 1 || config.workers() > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, not " + config.workers());
        }
    }

    /**
     * Binds the address with the configuration's settings; requests are served once {@code open} says so (before, a
     * 503). Throws IllegalArgumentException naming the reason.
     */
    static RpcListener open(EventLoopGroup group, Multiaddr requested, RpcConfig config,
            Function<String, RpcCommand> commands, BooleanSupplier open) {
        validate(requested, config);
        AtomicReference<String[]> origins = new AtomicReference<>(config.allowed__origins());
        HttpListener http = HttpListener.open(group, requested, WHAT, config.workers(), "ipfskit-rpc-worker",
                (channel, workers) -> channel.pipeline().addLast(new HttpServerCodec(),
                        new HttpServerExpectContinueHandler(), new RpcHttpHandler(commands,
                                new RequestGuard(((InetSocketAddress) channel.localAddress()).getPort(), origins.get()),
                                workers, open)));
        return new RpcListener(http, origins);
    }

    /** Applies new settings to the connections accepted from now on; the socket stays bound where it is. */
    void reconfigure(RpcConfig config) {
        validate(http.requested(), config);
        allowedOrigins.set(config.allowed__origins());
        http.workers(config.workers());
    }

    /** The address asked for (port 0 stays 0). */
    Multiaddr requested() {
        return http.requested();
    }

    /** The address listened on, port resolved. */
    Multiaddr address() {
        return http.address();
    }

    /** Stops accepting; commands already running finish on their workers. */
    @Override
    public void close() {
        http.stopAccepting();
    }
}
