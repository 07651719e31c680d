package io.ipfskit.host.internal;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.netty.channel.Channel;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** An upgraded connection: opens streams and routes inbound ones, after negotiation, to the host's protocol handlers. */
final class HostConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(HostConnection.class.getName());

    private final DefaultHost host;
    private final Channel channel;
    private final SecureSession session;
    private final Multiaddr remoteAddress;
    private final Multiaddr localAddress;
    private final Direction direction;
    private final String muxer;
    private final List<Object> parts;
    private final Instant opened = Instant.now();
    private volatile boolean closing;
    private MuxedConnection muxed;

    HostConnection(DefaultHost host, Channel channel, SecureSession session, Multiaddr remoteAddress,
            Multiaddr localAddress, Direction direction, String muxer, List<Object> parts) {
        this.host = host;
        this.channel = channel;
        this.session = session;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.direction = direction;
        this.muxer = muxer;
        this.parts = List.copyOf(parts);
    }

    /** Whether the transport, security channel or muxer (the very service object) built this connection. */
    boolean builtWith(Object part) {
        return parts.stream().anyMatch(p -> p == part);
    }

    void attach(MuxedConnection value) {
        this.muxed = value;
    }

    Channel channel() {
        return channel;
    }

    PublicKey remoteKey() {
        return session.remoteKey();
    }

    @Override
    public PeerId remotePeer() {
        return session.remotePeer();
    }

    @Override
    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Multiaddr localAddress() {
        return localAddress;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public String security() {
        return session.protocolId();
    }

    @Override
    public String muxer() {
        return muxer;
    }

    @Override
    public Instant opened() {
        return opened;
    }

    @Override
    public int streamCount() {
        return muxed.streamCount();
    }

    /** Opens a stream the resource manager admits (else fails), negotiates it, then starts its listener. */
    @Override
    public CompletionStage<Stream> newStream(List<String> protocols, Function<Stream, StreamListener> listener) {
        ResourceManager.Lease lease = host.resourceManager().stream(remotePeer(), Direction.OUTBOUND);
        if (lease == null) {
            return CompletableFuture.failedFuture(new IOException("resource limit: no more outbound streams to "
                    + remotePeer()));
        }
        CompletionStage<Stream> stream = muxed.openStream().thenCompose(muxedStream -> {
            CompletableFuture<Stream> result = new CompletableFuture<>();
            channel.eventLoop().execute(() -> negotiateOutbound(muxedStream, protocols, listener, lease, result));
            return result;
        });
        stream.whenComplete((s, e) -> {
            if (e != null) {
                lease.close();
            }
        });
        return stream;
    }

    private void negotiateOutbound(MuxedStream stream, List<String> protocols, Function<Stream, StreamListener> listener,
            ResourceManager.Lease lease, CompletableFuture<Stream> result) {
        StreamNegotiation negotiation = new StreamNegotiation(stream, Negotiator.dialer(protocols), (agreed, leftover) -> {
            HostStream hostStream = new HostStream(stream, remotePeer(), agreed, host.handlerExecutor(), host.bandwidth(),
                    ended -> lease.close());
            hostStream.start(listener, leftover, failure -> {
                if (failure == null) {
                    result.complete(hostStream);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }, result::completeExceptionally);
        negotiation.start();
        timeout(negotiation, result);
    }

    /**
     * Takes a stream the remote opened: resets it when the resource manager refuses it, else negotiates among the
     * registered handlers and hands it to the chosen one.
     */
    void inbound(MuxedStream stream) {
        ResourceManager.Lease lease = host.resourceManager().stream(remotePeer(), Direction.INBOUND);
        if (lease == null) {
            LOG.log(System.Logger.Level.DEBUG, "resetting a stream from {0}: inbound stream limit", remotePeer());
            stream.reset();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamNegotiation negotiation = new StreamNegotiation(stream,
                Negotiator.listener(host::serves, host::protocols), (agreed, leftover) -> {
                    done.complete(null);
                    ProtocolHandler handler = host.handler(agreed);
                    if (handler == null) {
                        lease.close();
                        stream.reset();
                        return;
                    }
                    host.served(stream, remotePeer(), agreed, lease).start(handler::accept, leftover, failure -> {
                        if (failure != null) {
                            LOG.log(System.Logger.Level.WARNING, "handler of " + agreed + " failed to accept a stream", failure);
                        }
                    });
                }, e -> {
                    done.complete(null);
                    lease.close();
                    LOG.log(System.Logger.Level.DEBUG, "inbound stream from {0} not negotiated: {1}", remotePeer(), e.getMessage());
                });
        negotiation.start();
        timeout(negotiation, done);
    }

    private void timeout(StreamNegotiation negotiation, CompletableFuture<?> done) {
        ScheduledFuture<?> timer = channel.eventLoop().schedule(
                () -> negotiation.abandon("protocol negotiation timed out"),
                host.settings().negotiationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((v, e) -> timer.cancel(false));
    }

    @Override
    public void close() {
        closing = true;
        muxed.close();
    }

    /** Whether new streams may use this connection: open, and not being closed (a muxer's go-away takes a while). */
    boolean usable() {
        return !closing && channel.isActive();
    }

    @Override
    public String toString() {
        return "Connection[" + remotePeer() + " " + direction + " " + remoteAddress + "]";
    }
}
