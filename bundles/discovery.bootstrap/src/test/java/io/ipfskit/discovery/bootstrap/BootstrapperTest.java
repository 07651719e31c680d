package io.ipfskit.discovery.bootstrap;

import static io.ipfskit.discovery.bootstrap.DnsaddrResolverTest.A;
import static io.ipfskit.discovery.bootstrap.DnsaddrResolverTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BootstrapperTest {

    private final Set<PeerId> connected = new HashSet<>();
    private final List<String> refused = new ArrayList<>();

    private Bootstrapper bootstrapper(int min, String... entries) {
        DnsaddrResolver resolver = new DnsaddrResolver(name -> CompletableFuture.completedFuture(Map.of(
                "_dnsaddr.boot.example", List.of("dnsaddr=/ip4/10.0.0.1/tcp/4001/p2p/" + A,
                        "dnsaddr=/ip4/10.0.0.2/tcp/4001/p2p/" + A)).getOrDefault(name, List.of())));
        return new Bootstrapper(BootstrapList.parse(entries, refused::add), min, () -> Set.copyOf(connected), resolver,
                new Random(1));
    }

    private static List<PeerInfo> run(Bootstrapper bootstrapper) {
        return bootstrapper.round().toCompletableFuture().join();
    }

    @Test
    void belowTheMinimumReportsEachPeerNotConnectedWithItsResolvedAddresses() {
        Bootstrapper bootstrapper = bootstrapper(4, "/dnsaddr/boot.example/p2p/" + A,
                "/ip4/104.131.131.82/tcp/4001/p2p/" + B);
        List<PeerInfo> peers = new ArrayList<>(run(bootstrapper));
        peers.sort((x, y) -> x.peerId().toBase58().compareTo(y.peerId().toBase58()));
        assertEquals(List.of(
                new PeerInfo(PeerId.parse(A), List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"),
                        Multiaddr.parse("/ip4/10.0.0.2/tcp/4001"))),
                new PeerInfo(PeerId.parse(B), List.of(Multiaddr.parse("/ip4/104.131.131.82/tcp/4001")))), peers);

        connected.add(PeerId.parse(A));
        assertEquals(List.of(PeerId.parse(B)), run(bootstrapper).stream().map(PeerInfo::peerId).toList(),
                "a connected bootstrap peer is not reported");
    }

    @Test
    void atTheMinimumNothingIsReported() {
        Bootstrapper bootstrapper = bootstrapper(1, "/ip4/104.131.131.82/tcp/4001/p2p/" + B);
        connected.add(PeerId.parse(A));
        assertEquals(List.of(), run(bootstrapper));
    }

    @Test
    void entriesAreSeparatedByCommasAndThoseWithoutAPeerIdOrThatDoNotParseAreRefused() {
        Bootstrapper bootstrapper = bootstrapper(4, "/ip4/1.2.3.4/tcp/4001/p2p/" + A + ", /ip4/1.2.3.5/tcp/4001/p2p/" + B,
                "/ip4/1.2.3.6/tcp/4001", "not-an-address", "");
        assertEquals(2, bootstrapper.entries().size());
        assertEquals(2, refused.size(), refused.toString());
        assertEquals(List.of(), bootstrapper(4, "").entries(), "an empty list is no peers");
    }
}
