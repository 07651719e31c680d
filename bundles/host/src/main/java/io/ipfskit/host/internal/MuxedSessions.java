package io.ipfskit.host.internal;

import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.spi.MuxedTransport;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes the connections a {@link MuxedTransport} authenticated and multiplexed itself into the host, admitted as
 * upgraded ones are: inbound handshakes against the handshake limits per IP and overall, then every connection
 * against the connection limits.
 */
final class MuxedSessions {

    private static final System.Logger LOG = System.getLogger(MuxedSessions.class.getName());

    private MuxedSessions() {
    }

    /** Accepts inbound connections the handshake limits admit; closes the others before their handshake goes on. */
    static MuxedTransport.Acceptor acceptor(DefaultHost host, MuxedTransport transport) {
        return (remote, channel, handshake) -> {
            ResourceManager.Lease lease = host.resourceManager().handshake(ip(remote));
            if (lease == null) {
                LOG.log(System.Logger.Level.DEBUG, "refusing a connection from {0}: handshake limit", remote);
                channel.close();
                return;
            }
            channel.closeFuture().addListener(f -> lease.close());
            handshake.whenComplete((session, error) -> {
                lease.close();
                if (error != null) {
                    LOG.log(System.Logger.Level.DEBUG, "handshake from {0} failed: {1}", remote, error.toString());
                    channel.close();
                } else {
                    adopt(host, transport, session, Direction.INBOUND);
                }
            });
        };
    }

    /** Dials the peer at the address and registers the connection. */
    static CompletionStage<HostConnection> dial(DefaultHost host, MuxedTransport transport, Multiaddr address,
            PeerId peer) {
        return transport.dial(address.withPeerId(peer), peer, host.settings().dialTimeout())
                .thenCompose(session -> adopt(host, transport, session, Direction.OUTBOUND));
    }

    /** Dials the peer from the transport's listening port (a hole punch) and registers the connection. */
    static CompletionStage<HostConnection> punchDial(DefaultHost host, MuxedTransport transport, Multiaddr address,
            PeerId peer, Duration timeout) {
        return transport.punchDial(address.withPeerId(peer), peer, timeout)
                .thenCompose(session -> adopt(host, transport, session, Direction.OUTBOUND));
    }

    /** Starts the session's streams into a new connection on its event loop and registers it (or closes it). */
    private static CompletionStage<HostConnection> adopt(DefaultHost host, MuxedTransport transport,
            MuxedTransport.Session session, Direction direction) {
        CompletableFuture<HostConnection> result = new CompletableFuture<>();
        session.channel().eventLoop().execute(() -> {
            HostConnection connection = new HostConnection(host, session.channel(), session.security(),
                    session.remoteAddress(), session.localAddress(), direction, session.muxer(), List.of(transport));
            connection.attach(session.start(connection::inbound));
            if (host.register(connection)) {
                result.complete(connection);
            } else {
                result.completeExceptionally(new IOException("connection refused: the peer holds as many as it may"));
            }
        });
        return result;
    }

    private static java.net.InetAddress ip(InetSocketAddress remote) {
        return remote == null ? null : remote.getAddress();
    }
}
