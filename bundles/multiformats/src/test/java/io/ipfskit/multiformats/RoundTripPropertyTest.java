package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties: every encoding of a valid value decodes back to the same value. */
class RoundTripPropertyTest {

    @Property
    void varint(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
        byte[] encoded = Varint.encode(value);
        assertEquals(Varint.size(value), encoded.length);
        assertEquals(value, Varint.read(ByteBuffer.wrap(encoded)));
    }

    @Property
    void base58(@ForAll @Size(max = 100) byte[] data) {
        assertArrayEquals(data, Base58.decode(Base58.encode(data)));
    }

    @Property
    void multibase(@ForAll Multibase base, @ForAll @Size(max = 100) byte[] data) {
        assertArrayEquals(data, Multibase.decode(base.encode(data)));
    }

    @Property
    void cid(@ForAll("cids") Cid cid, @ForAll Multibase base) {
        assertEquals(cid, Cid.decode(cid.bytes()));
        assertEquals(cid, Cid.parse(cid.toString()));
        assertEquals(cid.toV1(), Cid.parse(cid.toV1().toString(base)));
    }

    @Property
    void multiaddr(@ForAll("multiaddrs") Multiaddr address) {
        assertEquals(address, Multiaddr.decode(address.bytes()));
        assertEquals(address, Multiaddr.parse(address.toString()));
        assertEquals(address.toString(), Multiaddr.parse(address.toString()).toString());
    }

    @Provide
    Arbitrary<Cid> cids() {
        Arbitrary<Multihash> sha256 = bytes(32, 32).map(digest -> Multihash.of(Multicodec.SHA2_256, digest));
        Arbitrary<Multihash> other = Combinators.combine(
            Arbitraries.integers().between(0x14, Integer.MAX_VALUE).filter(code -> code != Multicodec.BLAKE2B_256), bytes(0, 64))
            .as(Multihash::of);
        Arbitrary<Multihash> any = Arbitraries.oneOf(sha256, other, bytes(0, 64).map(Multihash::identity));
        Arbitrary<Cid> v1 = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), any).as(Cid::v1);
        return Arbitraries.oneOf(sha256.map(Cid::v0), v1);
    }

    @Provide
    Arbitrary<Multiaddr> multiaddrs() {
        Arbitrary<Multiaddr.Component> component = Arbitraries.oneOf(
            fixed(Protocol.IP4), fixed(Protocol.IP6), fixed(Protocol.TCP), fixed(Protocol.UDP),
            text(Protocol.DNS), text(Protocol.DNS4), text(Protocol.DNS6), text(Protocol.DNSADDR), text(Protocol.IP6ZONE),
            bytes(32, 32).map(digest -> new Multiaddr.Component(Protocol.P2P, Multihash.of(Multicodec.SHA2_256, digest).bytes())),
            bytes(32, 32).map(digest -> new Multiaddr.Component(Protocol.CERTHASH, Multihash.of(Multicodec.SHA2_256, digest).bytes())),
            Arbitraries.of(Protocol.P2P_CIRCUIT, Protocol.QUIC, Protocol.QUIC_V1, Protocol.TLS, Protocol.NOISE, Protocol.WS,
                Protocol.WSS, Protocol.WEBTRANSPORT).map(protocol -> new Multiaddr.Component(protocol, new byte[0])));
        Arbitrary<Multiaddr.Component> unix = Arbitraries.strings().withChars("abc/._- é").ofMaxLength(20)
            .map(path -> Multiaddr.Component.of(Protocol.UNIX, "/" + path));
        return Combinators.combine(component.list().ofMinSize(1).ofMaxSize(6), unix.injectNull(0.5)).as((components, last) -> {
            List<Multiaddr.Component> all = new ArrayList<>(components);
            if (last != null) {
                all.add(last);
            }
            return Multiaddr.of(all);
        });
    }

    private static Arbitrary<Multiaddr.Component> fixed(Protocol protocol) {
        return bytes(protocol.sizeBits() / 8, protocol.sizeBits() / 8).map(value -> new Multiaddr.Component(protocol, value));
    }

    private static Arbitrary<Multiaddr.Component> text(Protocol protocol) {
        return Arbitraries.strings().withChars("abcxyz019.-_:%ü").ofMinLength(1).ofMaxLength(30)
            .map(value -> Multiaddr.Component.of(protocol, value));
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
