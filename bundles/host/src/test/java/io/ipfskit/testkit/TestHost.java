package io.ipfskit.testkit;

import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.host.internal.DefaultHost;
import io.ipfskit.host.internal.HostSettings;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.security.noise.NoiseSecureChannel;
import io.ipfskit.transport.tcp.TcpTransport;
import java.util.List;

/**
 * A host with a fresh identity on an ephemeral loopback TCP port (or another transport's address), Noise, and yamux or
 * given muxers; close it after.
 */
public final class TestHost implements AutoCloseable {

    /** The node identity. */
    public final TestNode node = new TestNode();
    /** The host. */
    public final DefaultHost host;
    /** The host's one security channel (remove it from the host to leave another channel alone). */
    public final NoiseSecureChannel noise = new NoiseSecureChannel(node);
    private final AutoCloseable transport;

    /** Starts listening with yamux. */
    public TestHost() {
        this(new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024));
    }

    /** Starts listening on TCP, offering exactly these muxers in this order. */
    public TestHost(StreamMuxer... muxers) {
        this(new TcpTransport(1, 64), Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), muxers);
    }

    /** Starts listening with the transport on the address, offering yamux; the host closes the transport. */
    public <T extends Transport & AutoCloseable> TestHost(T transport, Multiaddr listen) {
        this(transport, listen, new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024));
    }

    private <T extends Transport & AutoCloseable> TestHost(T transport, Multiaddr listen, StreamMuxer... muxers) {
        this.host = new DefaultHost(node, HostSettings.of(List.of(listen)));
        this.transport = transport;
        host.addSecureChannel(noise);
        for (StreamMuxer muxer : muxers) {
            host.addMuxer(muxer);
        }
        host.addTransport(transport);
    }

    /** The listen address with {@code /p2p/<peer id>}. */
    public Multiaddr address() {
        return host.listenAddresses().get(0).withPeerId(node.peerId());
    }

    @Override
    public void close() {
        host.close();
        try {
            transport.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
