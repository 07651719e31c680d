package io.ipfskit.transport.quic;

import io.ipfskit.host.internal.DefaultHost;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.host.internal.HostSettings;
import io.ipfskit.host.internal.ResourceLimits;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.security.noise.NoiseSecureChannel;
import io.ipfskit.security.tls.Libp2pCertificates;
import io.ipfskit.testkit.TestNode;
import io.ipfskit.transport.tcp.TcpTransport;
import java.util.List;

/** A host with a fresh identity listening on QUIC (and TCP if asked) on ephemeral loopback ports; close it after. */
final class QuicHost implements AutoCloseable {

    private static final Multiaddr QUIC = Multiaddr.parse("/ip4/127.0.0.1/udp/0/quic-v1");
    private static final Multiaddr TCP = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");

    final TestNode node = new TestNode();
    final DefaultHost host;
    final QuicTransport quic;
    private final TcpTransport tcp;

    /** Listening on QUIC only. */
    QuicHost() {
        this(false);
    }

    /** Listening on QUIC, and on TCP with Noise and yamux when asked. */
    QuicHost(boolean withTcp) {
        this(withTcp, QuicSettings.DEFAULTS);
    }

    /** Listening on QUIC with the given bounds. */
    QuicHost(QuicSettings settings) {
        this(false, settings);
    }

    /** Listening on QUIC with the host's given resource limits. */
    QuicHost(ResourceLimits limits) {
        this(false, QuicSettings.DEFAULTS, limits);
    }

    private QuicHost(boolean withTcp, QuicSettings settings) {
        this(withTcp, settings, ResourceLimits.of(NodeRole.WORKER));
    }

    private QuicHost(boolean withTcp, QuicSettings settings, ResourceLimits limits) {
        quic = new QuicTransport(Libp2pCertificates.keyManager(node), 1, settings);
        HostSettings defaults = HostSettings.of(withTcp ? List.of(TCP, QUIC) : List.of(QUIC));
        host = new DefaultHost(node, new HostSettings(defaults.listen(), defaults.dialTimeout(), defaults.upgradeTimeout(),
                defaults.negotiationTimeout(), defaults.maxPeers(), defaults.limits(), limits, defaults.handlerThreads()));
        host.addMuxedTransport(quic);
        tcp = withTcp ? new TcpTransport(1, 8) : null;
        if (withTcp) {
            host.addSecureChannel(new NoiseSecureChannel(node));
            host.addMuxer(new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024));
            host.addTransport(tcp);
        }
    }

    /** The QUIC listen address with {@code /p2p/<peer id>}. */
    Multiaddr address() {
        return host.listenAddresses().stream().filter(QuicAddresses::handles).findFirst().orElseThrow()
                .withPeerId(node.peerId());
    }

    @Override
    public void close() {
        host.close();
        quic.close();
        if (tcp != null) {
            tcp.close();
        }
    }
}
