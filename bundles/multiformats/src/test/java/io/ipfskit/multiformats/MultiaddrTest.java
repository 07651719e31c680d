package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultiaddrTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String PEER_A = "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC";
    private static final String PEER_B = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    @ParameterizedTest
    @CsvSource({
        "/ip4/127.0.0.1/tcp/4001, 047f000001060fa1",
        "/ip4/127.0.0.1/udp/1234, 047f000001910204d2",
        "/ip4/127.0.0.1/udp/4001/quic-v1, 047f00000191020fa1cd03",
        "/ip6/::1/tcp/80, 2900000000000000000000000000000001060050",
        "/dns4/example.com/tcp/443/wss, 360b6578616d706c652e636f6d0601bbde03",
        "/p2p/" + PEER_A + ", a503221220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b",
        "/unix/tmp/p2p.sock, 90030d2f746d702f7032702e736f636b",
        "/ip4/1.2.3.4/tcp/1/tls/noise/ws, 0401020304060001c003c603dd03",
        "/p2p-circuit/quic/webtransport, a202cc03d103",
        "/ip6zone/eth0/ip6/fe80::1, 2a0465746830 29fe800000000000000000000000000001",
    })
    void convertsBetweenTextAndBinary(String text, String hex) {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        Multiaddr fromText = Multiaddr.parse(text);
        assertArrayEquals(bytes, fromText.bytes());
        Multiaddr fromBytes = Multiaddr.decode(bytes);
        assertEquals(text, fromBytes.toString());
        assertEquals(fromText, fromBytes);
        assertEquals(fromText.hashCode(), fromBytes.hashCode());
    }

    @ParameterizedTest
    @CsvSource({
        "/ipfs/" + PEER_A + ", /p2p/" + PEER_A,
        "/p2p/bafzaajaiaejcal72gwuz2or47oyxxn6b3rkwdmmkrxgkjxzy3rqt5kczyn7lcm3l, /p2p/" + PEER_B,
        "/ip6/2001:DB8:0:0:0:0:0:1, /ip6/2001:db8::1",
        "/ip6/1:0:0:1:0:0:0:1, /ip6/1:0:0:1::1",
        "/ip6/1:0:2:3:4:5:6:7, /ip6/1:0:2:3:4:5:6:7",
        "/ip6/0:0:0:0:0:0:0:0, /ip6/::",
        "/ip6/::ffff:1.2.3.4, /ip6/::ffff:1.2.3.4",
        "/ip6/::1.2.3.4, /ip6/::102:304",
        "/ip6/1::, /ip6/1::",
        "/dns/ü.example, /dns/ü.example",
        "/ip4/1.2.3.4/udp/443/quic-v1/webtransport/certhash/zQmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N,"
            + " /ip4/1.2.3.4/udp/443/quic-v1/webtransport/certhash/uEiCd_zsX10z004pQ2LY4PpLRgaEDlaXnOnJtzMvSG_bwuQ",
    })
    void normalizesText(String input, String canonical) {
        assertEquals(canonical, Multiaddr.parse(input).toString());
        assertEquals(Multiaddr.parse(input), Multiaddr.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "ip4/1.2.3.4", "/ip4", "/ip4/256.0.0.1", "/ip4/01.2.3.4", "/ip4/1.2.3", "/ip4/1.2.3.4.5",
        "/ip4/1..2.3", "/tcp/65536", "/tcp/-1", "/tcp/0080", "/tcp/+80", "/udp/x", "/ip6/:::", "/ip6/1::2::3", "/ip6/12345::",
        "/ip6/1:2:3:4:5:6:7:8:9", "/ip6/1:2:3:4:5:6:7", "/ip6/1.2.3.4::", "/ip6/:1::", "/ip6/1::2:", "/ip6/fe80::1%eth0",
        "/foo/bar", "/ip4/1.2.3.4/", "/ip4/1.2.3.4//tcp/1", "/dns4", "/dns4//tcp/1", "/p2p/notapeerid", "/quic/x", "/unix",
        "/certhash/zzz", "/certhash/f00", "/ip6/١::"})
    void rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "04", "047f0000", "ff", "0600", "3500", "352f", "35012f", "3502c328", "9003016106",
        "9003022f61060050", "a50300", "a50304deadbeef", "d2030100", "cc0300", "ffffffffffffffffff01", "8000"})
    void rejectsMalformedBytes(String hex) {
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.decode(HEX.parseHex(hex)));
    }

    @Test
    void boundsTheLength() {
        String longName = "a".repeat(Multiaddr.MAX_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse("/dns/" + longName));
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.decode(new byte[Multiaddr.MAX_LENGTH + 1]));
        Multiaddr address = Multiaddr.parse("/dns/" + "a".repeat(500));
        assertThrows(IllegalArgumentException.class, () -> address.encapsulate(address).encapsulate(address));
    }

    @Test
    void encapsulatesAndDecapsulates() {
        Multiaddr relay = Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + PEER_A);
        Multiaddr circuit = relay.encapsulate(Multiaddr.parse("/p2p-circuit/p2p/" + PEER_B));
        assertEquals("/ip4/1.2.3.4/tcp/1/p2p/" + PEER_A + "/p2p-circuit/p2p/" + PEER_B, circuit.toString());
        assertEquals(relay.encapsulate(Multiaddr.parse("/p2p-circuit")), circuit.decapsulate(Protocol.P2P));
        assertEquals(Multiaddr.parse("/ip4/1.2.3.4"), circuit.decapsulate(Protocol.TCP));
        assertEquals(circuit, circuit.decapsulate(Protocol.UDP));
        assertEquals("", circuit.decapsulate(Protocol.IP4).toString());
        assertEquals(Optional.of(PeerId.parse(PEER_B)), circuit.peerId());
        assertEquals(Optional.empty(), circuit.decapsulate(Protocol.P2P).peerId());
        assertEquals(Optional.of("1.2.3.4"), circuit.valueOf(Protocol.IP4));
        assertEquals(Optional.of(PEER_A), circuit.valueOf(Protocol.P2P));
        assertEquals(Optional.of(""), circuit.valueOf(Protocol.P2P_CIRCUIT));
        assertEquals(Optional.empty(), circuit.valueOf(Protocol.UDP));
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse("/unix/a").encapsulate(relay));
    }

    @Test
    void addsAndRemovesPeerIds() {
        Multiaddr base = Multiaddr.parse("/ip4/1.2.3.4/tcp/1");
        Multiaddr withA = base.withPeerId(PeerId.parse(PEER_A));
        assertEquals("/ip4/1.2.3.4/tcp/1/p2p/" + PEER_A, withA.toString());
        assertEquals(base.withPeerId(PeerId.parse(PEER_B)), withA.withPeerId(PeerId.parse(PEER_B)));
        assertEquals(base, withA.withoutPeerId());
        assertEquals(base, base.withoutPeerId());
        assertEquals(Optional.empty(), base.peerId());
    }

    @Test
    void componentsAreValidatedValues() {
        Multiaddr address = Multiaddr.parse("/ip4/1.2.3.4/tcp/80");
        List<Multiaddr.Component> components = address.components();
        assertEquals(Protocol.TCP, components.get(1).protocol());
        assertArrayEquals(new byte[] {0, 80}, components.get(1).value());
        assertEquals("80", components.get(1).valueString());
        assertEquals("/tcp/80", components.get(1).toString());
        assertEquals(components.get(1), Multiaddr.Component.of(Protocol.TCP, "80"));
        assertEquals(address, Multiaddr.of(components));
        components.get(0).value()[0] = 9;
        assertEquals("/ip4/1.2.3.4/tcp/80", address.toString());
        assertThrows(IllegalArgumentException.class, () -> new Multiaddr.Component(Protocol.IP4, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new Multiaddr.Component(Protocol.WS, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.Component.of(Protocol.WS, "x"));
        assertThrows(UnsupportedOperationException.class, () -> components.add(components.get(0)));
    }

    @Test
    void convertsSocketAddresses() throws UnknownHostException {
        InetSocketAddress ip4 = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 4001);
        assertEquals("/ip4/127.0.0.1/tcp/4001", Multiaddr.fromSocket(ip4, Protocol.TCP).toString());
        assertEquals(Optional.of(ip4), Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + PEER_A).toSocketAddress());
        InetSocketAddress ip6 = new InetSocketAddress(InetAddress.getByName("::1"), 5);
        assertEquals("/ip6/::1/udp/5", Multiaddr.fromSocket(ip6, Protocol.UDP).toString());
        assertEquals(Optional.of(ip6), Multiaddr.parse("/ip6/::1/udp/5/quic-v1").toSocketAddress());
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.com", 80);
        assertEquals("/dns/example.com/tcp/80", Multiaddr.fromSocket(unresolved, Protocol.TCP).toString());
        InetSocketAddress fromDns = Multiaddr.parse("/dns4/example.com/tcp/80").toSocketAddress().orElseThrow();
        assertTrue(fromDns.isUnresolved());
        assertEquals("example.com", fromDns.getHostString());
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null, InetText.parseIp6("fe80::1"), 3), 9);
        Multiaddr zoned = Multiaddr.fromSocket(scoped, Protocol.TCP);
        assertEquals("/ip6zone/3/ip6/fe80::1/tcp/9", zoned.toString());
        assertEquals(Optional.of(scoped), zoned.toSocketAddress());
        assertThrows(IllegalArgumentException.class, () -> Multiaddr.fromSocket(ip4, Protocol.QUIC_V1));
        for (String none : new String[] {"/dnsaddr/example.com/tcp/1", "/ip4/1.2.3.4", "/ip4/1.2.3.4/ws", "/p2p-circuit",
            "/tcp/1/ip4/1.2.3.4", "/ip6zone/x/ip4/1.2.3.4/tcp/1"}) {
            assertEquals(Optional.empty(), Multiaddr.parse(none).toSocketAddress(), none);
        }
    }

    @ParameterizedTest
    @CsvSource({"/ip4/127.0.0.2/tcp/1, true", "/ip6/::1, true", "/ip6/::ffff:127.0.0.1/udp/1, true", "/ip4/10.0.0.1, false",
        "/dns/localhost/tcp/1, false", "/ip6/::2, false", "/p2p-circuit, false"})
    void detectsLoopback(String text, boolean loopback) {
        assertEquals(loopback, Multiaddr.parse(text).isLoopback());
    }

    @Test
    void protocolsByNameAndCode() {
        for (Protocol protocol : Protocol.values()) {
            assertEquals(protocol, Protocol.of(protocol.label()));
            assertEquals(protocol, Protocol.ofCode(protocol.code()));
        }
        assertEquals(Protocol.P2P, Protocol.of("ipfs"));
        assertEquals(Protocol.VARIABLE, Protocol.DNS.sizeBits());
        assertFalse(Protocol.TCP.sizeBits() == 0);
        assertThrows(IllegalArgumentException.class, () -> Protocol.of("http"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.ofCode(0x01e0));
    }
}
