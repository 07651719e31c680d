package io.ipfskit.benchmarks.host;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.host.internal.ConnectionLimits;
import io.ipfskit.host.internal.DefaultHost;
import io.ipfskit.host.internal.HostSettings;
import io.ipfskit.host.internal.ResourceLimits;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.protocol.identify.IdentifyHandler;
import io.ipfskit.protocol.identify.IdentifyService;
import io.ipfskit.security.noise.NoiseSecureChannel;
import io.ipfskit.testkit.TestNode;
import io.ipfskit.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Peers in this JVM, each a host of its own with a fresh Ed25519 identity, Noise, yamux and identify, all sharing one
 * TCP event loop group and one muxer: each holds one idle connection to the target.
 */
final class IdleClients implements AutoCloseable {

    /** Handshakes under way at once (below the daemon's pending-handshake limit). */
    private static final int PARALLEL = 32;

    private final TcpTransport tcp = new TcpTransport(2, 16);
    private final YamuxMuxer yamux = new YamuxMuxer(16, 256 * 1024, 256 * 1024);
    private final List<DefaultHost> hosts = new ArrayList<>();

    /** Opens {@code count} more connections to the target, each from a new identity; fails on the first failure. */
    void connect(Multiaddr target, int count) throws Exception {
        Semaphore slots = new Semaphore(PARALLEL);
        List<CompletableFuture<?>> dials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            CompletableFuture<?> dial = newHost().connect(target).toCompletableFuture();
            dial.whenComplete((c, e) -> slots.release());
            dials.add(dial);
        }
        CompletableFuture.allOf(dials.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private DefaultHost newHost() {
        TestNode node = new TestNode();
        DefaultHost host = new DefaultHost(node, new HostSettings(List.of(), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 16, new ConnectionLimits(1, 8, Duration.ofSeconds(30)),
                ResourceLimits.of(NodeRole.LEECHER), 1));
        host.addSecureChannel(new NoiseSecureChannel(node));
        host.addMuxer(yamux);
        host.addTransport(tcp);
        host.addProtocolHandler(new IdentifyHandler(new IdentifyService(host, node)));
        hosts.add(host);
        return host;
    }

    @Override
    public void close() {
        hosts.forEach(DefaultHost::close);
        tcp.close();
    }
}
