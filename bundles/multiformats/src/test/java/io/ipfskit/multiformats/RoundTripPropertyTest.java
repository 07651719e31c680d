package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Round-trip properties, each checked on {@value #TRIES} random valid values: every encoding of
 * a value decodes back to it. A failure names its seed; replay it with -Dproperty.seed=SEED.
 */
class RoundTripPropertyTest {

    private static final int TRIES = 1000;
    private static final long SEED = Long.getLong("property.seed", System.nanoTime());
    private static final Protocol[] NO_VALUE = {Protocol.P2P_CIRCUIT, Protocol.QUIC, Protocol.QUIC_V1, Protocol.TLS,
        Protocol.NOISE, Protocol.WS, Protocol.WSS, Protocol.WEBTRANSPORT};
    private static final Protocol[] TEXT = {Protocol.DNS, Protocol.DNS4, Protocol.DNS6, Protocol.DNSADDR, Protocol.IP6ZONE};

    @Test
    void varint() {
        forAll(random -> {
            long value = random.nextLong() >>> (1 + random.nextInt(63));
            byte[] encoded = Varint.encode(value);
            assertEquals(Varint.size(value), encoded.length);
            assertEquals(value, Varint.read(ByteBuffer.wrap(encoded)), () -> "value " + value);
        });
    }

    @Test
    void base58() {
        forAll(random -> {
            byte[] data = bytes(random, random.nextInt(100));
            assertArrayEquals(data, Base58.decode(Base58.encode(data)));
        });
    }

    @Test
    void everyMultibase() {
        forAll(random -> {
            byte[] data = bytes(random, random.nextInt(100));
            for (Multibase base : Multibase.values()) {
                assertArrayEquals(data, Multibase.decode(base.encode(data)), () -> base + " of " + Base58.encode(data));
            }
        });
    }

    @Test
    void cid() {
        forAll(random -> {
            Cid cid = randomCid(random);
            assertEquals(cid, Cid.decode(cid.bytes()));
            assertEquals(cid, Cid.parse(cid.toString()));
            Multibase base = Multibase.values()[random.nextInt(Multibase.values().length)];
            assertEquals(cid.toV1(), Cid.parse(cid.toV1().toString(base)));
        });
    }

    @Test
    void multiaddr() {
        forAll(random -> {
            Multiaddr address = randomMultiaddr(random);
            assertEquals(address, Multiaddr.decode(address.bytes()));
            assertEquals(address, Multiaddr.parse(address.toString()));
            assertEquals(address.toString(), Multiaddr.parse(address.toString()).toString());
        });
    }

    private static void forAll(Consumer<Random> property) {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            try {
                property.accept(random);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("failed at try " + i + "; replay with -Dproperty.seed=" + SEED, e);
            }
        }
    }

    private static Cid randomCid(Random random) {
        Multihash sha256 = Multihash.of(Multicodec.SHA2_256, bytes(random, 32));
        if (random.nextBoolean()) {
            return Cid.v0(sha256);
        }
        long codec = random.nextLong() >>> (1 + random.nextInt(63));
        Multihash multihash = switch (random.nextInt(3)) {
            case 0 -> sha256;
            case 1 -> Multihash.identity(bytes(random, random.nextInt(Multihash.MAX_DIGEST_LENGTH + 1)));
            default -> Multihash.of(0x14 + random.nextInt(0x1000), bytes(random, random.nextInt(65)));
        };
        return Cid.v1(codec, multihash);
    }

    private static Multiaddr randomMultiaddr(Random random) {
        List<Multiaddr.Component> components = new ArrayList<>();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            components.add(randomComponent(random));
        }
        if (random.nextBoolean()) {
            components.add(Multiaddr.Component.of(Protocol.UNIX, "/" + text(random, "abc/._- é", random.nextInt(20))));
        }
        return Multiaddr.of(components);
    }

    private static Multiaddr.Component randomComponent(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> new Multiaddr.Component(Protocol.IP4, bytes(random, 4));
            case 1 -> new Multiaddr.Component(Protocol.IP6, bytes(random, 16));
            case 2 -> new Multiaddr.Component(random.nextBoolean() ? Protocol.TCP : Protocol.UDP, bytes(random, 2));
            case 3 -> Multiaddr.Component.of(TEXT[random.nextInt(TEXT.length)], text(random, "abcxyz019.-_:%ü", 1 + random.nextInt(30)));
            case 4 -> new Multiaddr.Component(Protocol.P2P, Multihash.of(Multicodec.SHA2_256, bytes(random, 32)).bytes());
            case 5 -> new Multiaddr.Component(Protocol.CERTHASH, Multihash.of(Multicodec.SHA2_256, bytes(random, 32)).bytes());
            default -> new Multiaddr.Component(NO_VALUE[random.nextInt(NO_VALUE.length)], new byte[0]);
        };
    }

    /** Random bytes, a quarter of them with a run of leading zeros. */
    private static byte[] bytes(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        int zeros = random.nextInt(4) == 0 ? random.nextInt(length + 1) : 0;
        for (int i = 0; i < zeros; i++) {
            data[i] = 0;
        }
        return data;
    }

    private static String text(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
