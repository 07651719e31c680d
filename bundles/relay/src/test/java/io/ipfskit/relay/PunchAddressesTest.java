package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What DCUtR offers in CONNECT, and when it punches over QUIC. */
class PunchAddressesTest {

    private static Multiaddr at(String text) {
        return Multiaddr.parse(text);
    }

    private static final Multiaddr TCP_LISTEN = at("/ip4/192.168.1.2/tcp/4001");
    private static final Multiaddr QUIC_LISTEN = at("/ip4/192.168.1.2/udp/5001/quic-v1");
    private static final Multiaddr QUIC6_LISTEN = at("/ip6/fd00::2/udp/5002/quic-v1");

    @Test
    void anObservedIpStandsForTheNatsMappingOfEachQuicListenPortOfItsFamily() {
        List<Multiaddr> offer = PunchAddresses.offer(List.of(at("/ip4/10.99.0.2/tcp/4001")),
                List.of(TCP_LISTEN, QUIC_LISTEN, QUIC6_LISTEN), 16);
        assertEquals(List.of(at("/ip4/10.99.0.2/tcp/4001"), at("/ip4/10.99.0.2/udp/5001/quic-v1"), TCP_LISTEN,
                QUIC_LISTEN, QUIC6_LISTEN), offer, "observed, implied QUIC (ip4 only), then listen addresses");
    }

    @Test
    void withoutObservedAddressesTheListenAddressesAloneAndNothingRelayed() {
        Multiaddr relayed = at("/ip4/10.99.0.1/tcp/4001/p2p/12D3KooWGY3vFfRX4tAKn5tQ92w2WbaudpEhnDzH1PcA85L3pgDc/p2p-circuit");
        assertEquals(List.of(TCP_LISTEN, QUIC_LISTEN), PunchAddresses.offer(List.of(), List.of(TCP_LISTEN, relayed,
                QUIC_LISTEN), 16));
    }

    @Test
    void theOfferIsBounded() {
        List<Multiaddr> many = IntStream.range(0, 40).mapToObj(i -> at("/ip4/10.0.0." + i + "/tcp/4001")).toList();
        assertEquals(16, PunchAddresses.offer(many, List.of(QUIC_LISTEN), 16).size());
    }

    @Test
    void quicOnlyWhenBothSidesOfferIt() {
        List<Multiaddr> tcpOnly = List.of(TCP_LISTEN);
        List<Multiaddr> both = List.of(TCP_LISTEN, QUIC_LISTEN);
        assertTrue(PunchAddresses.bothQuic(both, List.of(at("/ip4/10.99.0.3/udp/7/quic-v1"))));
        assertFalse(PunchAddresses.bothQuic(both, tcpOnly));
        assertFalse(PunchAddresses.bothQuic(tcpOnly, both));
        assertEquals(List.of(QUIC_LISTEN), PunchAddresses.quic(both));
        assertEquals(List.of(TCP_LISTEN), PunchAddresses.notQuic(both));
    }

    @Test
    void theLastAttemptFallsBackToTcpWhenBothOfferedIt() {
        List<Multiaddr> both = List.of(TCP_LISTEN, QUIC_LISTEN);
        List<Multiaddr> quicOnly = List.of(at("/ip4/10.99.0.3/udp/7/quic-v1"));
        assertTrue(PunchAddresses.quicAttempt(both, both, 1, 3));
        assertTrue(PunchAddresses.quicAttempt(both, both, 2, 3));
        assertFalse(PunchAddresses.quicAttempt(both, both, 3, 3), "a network that drops UDP still gets a TCP punch");
        assertTrue(PunchAddresses.quicAttempt(both, quicOnly, 3, 3), "no TCP on their side: QUIC to the end");
        assertFalse(PunchAddresses.quicAttempt(List.of(TCP_LISTEN), both, 1, 3));
    }
}
