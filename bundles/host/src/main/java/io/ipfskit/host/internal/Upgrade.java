package io.ipfskit.host.internal;

import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.PeerId;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a raw channel into a {@link HostConnection}: multistream-select a security channel, secure, multistream-select
 * a muxer (unless the handshake agreed on one, as TLS's ALPN does), start it; all on the channel's event loop, within
 * the upgrade timeout, closing the channel on any failure.
 */
final class Upgrade {

    private static final System.Logger LOG = System.getLogger(Upgrade.class.getName());

    private final DefaultHost host;
    private final Transport transport;
    private final Channel channel;
    private final Direction direction;
    private final PeerId expected;
    private final CompletableFuture<HostConnection> result;
    /** Whether we are the security and multistream client: the dialler, unless a hole punch fixed the role. */
    private final boolean client;

    Upgrade(DefaultHost host, Transport transport, Channel channel, Direction direction, PeerId expected,
            CompletableFuture<HostConnection> result, boolean client) {
        this.host = host;
        this.transport = transport;
        this.channel = channel;
        this.direction = direction;
        this.expected = expected;
        this.result = result;
        this.client = client;
    }

    private boolean outbound() {
        return client;
    }

    /** Installs the first negotiation; called from the channel initializer. */
    void begin() {
        channel.pipeline().addFirst("slow-reader-guard", SlowReaderGuard.install(channel));
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> fail(new IOException("upgrade timed out")),
                host.settings().upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((c, e) -> timer.cancel(false));
        if (host.securityIds().isEmpty() || host.muxerIds().isEmpty()) {
            fail(new IOException("no security channel or no muxer registered"));
            return;
        }
        Negotiator negotiator = outbound() ? Negotiator.dialer(host.securityIds())
                : Negotiator.listener(id -> host.security(id) != null, host::securityIds);
        channel.pipeline().addLast("mss-security", new MultistreamHandler(negotiator, this::secure, this::fail));
    }

    private void secure(String protocol) {
        SecureChannel security = host.security(protocol);
        if (security == null) {
            fail(new IOException("security " + protocol + " went away"));
            return;
        }
        security.secure(channel, outbound(), expected, host.muxerIds()).whenComplete((session, error) -> {
            if (error != null) {
                fail(error);
            } else if (session.earlyMuxer() != null) {
                startMuxer(security, session, session.earlyMuxer());
            } else {
                negotiateMuxer(security, session);
            }
        });
    }

    private void negotiateMuxer(SecureChannel security, SecureSession session) {
        Negotiator negotiator = outbound() ? Negotiator.dialer(host.muxerIds())
                : Negotiator.listener(id -> host.muxer(id) != null, host::muxerIds);
        channel.pipeline().addLast("mss-muxer",
                new MultistreamHandler(negotiator, protocol -> startMuxer(security, session, protocol), this::fail));
    }

    private void startMuxer(SecureChannel security, SecureSession session, String protocol) {
        StreamMuxer muxer = host.muxer(protocol);
        if (muxer == null) {
            fail(new IOException("muxer " + protocol + " went away"));
            return;
        }
        HostConnection connection = new HostConnection(host, channel, session, transport.remoteAddress(channel),
                transport.localAddress(channel), direction, protocol, List.of(transport, security, muxer));
        channel.pipeline().addLast("flush-consolidation", new FlushConsolidationHandler(256, true));
        connection.attach(muxer.start(channel, outbound(), connection::inbound));
        if (!result.isDone()) {
            if (host.register(connection)) {
                result.complete(connection);
            } else {
                result.completeExceptionally(new IOException("connection refused: the peer holds as many as it may"));
            }
        }
    }

    private void fail(Throwable error) {
        if (result.completeExceptionally(error)) {
            LOG.log(System.Logger.Level.DEBUG, "upgrade of {0} {1} failed: {2}", direction, channel.remoteAddress(), error.toString());
            channel.close();
        }
    }
}
