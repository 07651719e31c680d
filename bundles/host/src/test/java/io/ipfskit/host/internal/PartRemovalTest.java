package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.HostListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.security.noise.NoiseSecureChannel;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.testkit.TestNode;
import io.ipfskit.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transport, security channel or muxer that leaves the host closes the connections it built (and only those), and
 * listen address changes reach the host's listeners.
 */
class PartRemovalTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final TestNode node = new TestNode();
    private final DefaultHost host = new DefaultHost(node, HostSettings.of(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))));
    private final TcpTransport tcp = new TcpTransport(1, 16);
    private final NoiseSecureChannel noise = new NoiseSecureChannel(node);
    private final YamuxMuxer yamux = yamux();
    private final TestHost peer = new TestHost();

    PartRemovalTest() {
        host.addSecureChannel(noise);
        host.addMuxer(yamux);
        host.addTransport(tcp);
    }

    @AfterEach
    void close() {
        host.close();
        tcp.close();
        peer.close();
    }

    private static YamuxMuxer yamux() {
        return new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024);
    }

    private void connect() throws Exception {
        host.connect(peer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Await.until("the peer to see the connection", LIMIT, () -> peer.host.connections().size() == 1);
    }

    private void awaitClosedOnBothSides(String why) {
        Await.until("the connection to close: " + why, LIMIT,
                () -> host.connections().isEmpty() && peer.host.connections().isEmpty());
    }

    @Test
    void whenListenersHearATransportLeftItsConnectionsTakeNoNewStreams() throws Exception {
        connect();
        List<String> heard = new CopyOnWriteArrayList<>();
        host.subscribe(new HostListener() {
            @Override
            public void listenAddressesChanged(List<Multiaddr> addresses) {
                heard.add("heard");
                host.connections().forEach(c -> heard.add(((HostConnection) c).usable() ? "usable" : "closing"));
            }
        });
        host.removeTransport(tcp);
        assertEquals("heard", heard.get(0));
        assertFalse(heard.contains("usable"), "an identify push must not pick a connection that is closing: " + heard);
        awaitClosedOnBothSides("its transport left");
    }

    @Test
    void aLeavingTransportStopsListeningClosesItsConnectionsAndTellsListeners() throws Exception {
        List<List<Multiaddr>> heard = new CopyOnWriteArrayList<>();
        host.subscribe(new HostListener() {
            @Override
            public void listenAddressesChanged(List<Multiaddr> addresses) {
                heard.add(addresses);
            }
        });
        connect();
        host.removeTransport(tcp);
        assertEquals(List.of(), host.listenAddresses());
        awaitClosedOnBothSides("its transport left");
        assertEquals(List.of(List.of()), heard, "listeners hear that the host listens nowhere");
        host.addTransport(tcp);
        assertEquals(1, host.listenAddresses().size());
        assertEquals(host.listenAddresses(), heard.get(1), "and hear of the address back");
    }

    @Test
    void aLeavingSecurityChannelClosesTheConnectionsItSecuresAndDialsToItFailClearly() throws Exception {
        connect();
        host.removeSecureChannel(noise);
        awaitClosedOnBothSides("its security channel left");
        Multiaddr address = host.listenAddresses().get(0).withPeerId(node.peerId());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> peer.host.connect(address).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("the remote closed the connection during protocol negotiation", refused.getCause().getMessage());
    }

    @Test
    void aLeavingMuxerClosesOnlyTheConnectionsItMultiplexes() throws Exception {
        YamuxMuxer other = yamux();
        host.addMuxer(other);
        connect();
        host.removeMuxer(other);
        assertEquals(1, host.connections().size(), "a connection built by the first muxer object stays");
        host.removeMuxer(yamux);
        awaitClosedOnBothSides("its muxer left");
        host.addMuxer(other);
        host.connect(peer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(host.connections().stream().allMatch(c -> c instanceof HostConnection h && h.builtWith(other)),
                "a new connection takes the muxer that is there");
    }
}
