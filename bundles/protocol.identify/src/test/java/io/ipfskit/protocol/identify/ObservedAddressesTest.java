package io.ipfskit.protocol.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.multiformats.Multiaddr;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedAddressesTest {

    private static final List<Multiaddr> LISTEN = List.of(Multiaddr.parse("/ip4/10.0.1.2/tcp/4001"));
    private static final Multiaddr FROM_LISTEN_PORT = Multiaddr.parse("/ip4/10.0.1.2/tcp/4001");
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final ObservedAddresses observed = new ObservedAddresses();

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void anAddressSeenOnAConnectionFromTheListenPortIsKeptWithoutItsPeerId() throws Exception {
        observed.observed(Multiaddr.parse("/ip4/203.0.113.7/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN"),
                FROM_LISTEN_PORT, ip("198.51.100.1"), LISTEN, NOW);
        assertEquals(List.of(Multiaddr.parse("/ip4/203.0.113.7/tcp/4001")), observed.confirmed(NOW));
    }

    @Test
    void aQuicAddressSeenOnAConnectionOnTheQuicListenPortKeepsItsQuicV1() throws Exception {
        Multiaddr quicListen = Multiaddr.parse("/ip4/10.0.1.2/udp/4001/quic-v1");
        observed.observed(Multiaddr.parse("/ip4/203.0.113.7/udp/4001/quic-v1/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN"),
                quicListen, ip("198.51.100.1"), List.of(quicListen), NOW);
        assertEquals(List.of(Multiaddr.parse("/ip4/203.0.113.7/udp/4001/quic-v1")), observed.confirmed(NOW));
    }

    @Test
    void anObservationOfAnEphemeralPortOrAnotherTransportOrACircuitIsIgnored() throws Exception {
        observed.observed(Multiaddr.parse("/ip4/203.0.113.7/tcp/50123"), Multiaddr.parse("/ip4/10.0.1.2/tcp/50123"),
                ip("198.51.100.1"), LISTEN, NOW);
        observed.observed(Multiaddr.parse("/ip4/203.0.113.7/udp/4001/quic-v1"), FROM_LISTEN_PORT, ip("198.51.100.1"),
                LISTEN, NOW);
        observed.observed(Multiaddr.parse("/p2p-circuit"), FROM_LISTEN_PORT, ip("198.51.100.1"), LISTEN, NOW);
        assertEquals(List.of(), observed.confirmed(NOW));
    }

    @Test
    void anObservationLapsesAfterItsTtl() throws Exception {
        observed.observed(Multiaddr.parse("/ip4/203.0.113.7/tcp/4001"), FROM_LISTEN_PORT, ip("198.51.100.1"), LISTEN, NOW);
        assertEquals(List.of(), observed.confirmed(NOW.plus(ObservedAddresses.TTL).plusSeconds(1)));
    }

    @Test
    void aFloodOfAddressesKeepsOnlyTheNewestAndTheyComeNewestFirst() throws Exception {
        for (int i = 0; i < 100; i++) {
            observed.observed(Multiaddr.parse("/ip4/203.0.113." + i + "/tcp/4001"), FROM_LISTEN_PORT,
                    ip("198.51.100.1"), LISTEN, NOW.plusSeconds(i));
        }
        List<Multiaddr> kept = observed.confirmed(NOW.plusSeconds(100));
        assertEquals(ObservedAddresses.MAX_ADDRESSES, kept.size());
        assertEquals(Multiaddr.parse("/ip4/203.0.113.99/tcp/4001"), kept.get(0));
    }
}
