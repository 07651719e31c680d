package io.ipfskit.transport.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class QuicAddressesTest {

    private static boolean handles(String address) {
        return QuicAddresses.handles(Multiaddr.parse(address));
    }

    @Test
    void handlesQuicV1OverIp4AndIp6WithOrWithoutAPeerId() {
        assertTrue(handles("/ip4/127.0.0.1/udp/4001/quic-v1"));
        assertTrue(handles("/ip6/::1/udp/4001/quic-v1"));
        assertTrue(handles("/ip4/1.2.3.4/udp/4001/quic-v1/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"));
    }

    @Test
    void leavesOtherAddressesToOtherTransports() {
        assertFalse(handles("/ip4/127.0.0.1/udp/4001/quic"), "draft-29 QUIC");
        assertFalse(handles("/ip4/127.0.0.1/tcp/4001"));
        assertFalse(handles("/ip4/127.0.0.1/udp/4001"));
        assertFalse(handles("/dns4/example.com/udp/4001/quic-v1"), "a name the transport would have to resolve");
        assertFalse(handles("/ip4/127.0.0.1/udp/4001/quic-v1/webtransport"));
        assertFalse(handles("/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA/p2p-circuit"));
        assertThrows(IllegalArgumentException.class,
                () -> QuicAddresses.toSocketAddress(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
    }

    @Test
    void convertsBothWays() {
        InetSocketAddress socket = QuicAddresses.toSocketAddress(Multiaddr.parse("/ip6/::1/udp/4001/quic-v1"));
        assertEquals(new InetSocketAddress("::1", 4001), socket);
        assertEquals(Multiaddr.parse("/ip6/::1/udp/4001/quic-v1"), QuicAddresses.toMultiaddr(socket));
        assertEquals(Multiaddr.parse("/ip4/10.0.0.1/udp/9/quic-v1"),
                QuicAddresses.toMultiaddr(new InetSocketAddress("::ffff:10.0.0.1", 9)), "an IPv4-mapped address is IPv4");
    }
}
