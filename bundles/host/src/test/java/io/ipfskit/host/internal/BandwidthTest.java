package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.testkit.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BandwidthTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final Bandwidth bandwidth = new Bandwidth(now::get);
    private final TestNode alice = new TestNode();
    private final TestNode bob = new TestNode();

    @Test
    void countsInAndOutInAllByProtocolAndByPeer() {
        bandwidth.sent(alice.peerId(), "/a", 100);
        bandwidth.received(alice.peerId(), "/a", 40);
        bandwidth.sent(bob.peerId(), "/b", 7);
        assertEquals(new Bandwidth.Snapshot(40, 107, 0, 0), bandwidth.total());
        assertEquals(new Bandwidth.Snapshot(40, 100, 0, 0), bandwidth.protocol("/a").orElseThrow());
        assertEquals(new Bandwidth.Snapshot(0, 7, 0, 0), bandwidth.peer(bob.peerId()).orElseThrow());
        assertTrue(bandwidth.protocol("/never").isEmpty());
    }

    @Test
    void theRateFollowsEachSecondAndFades() {
        bandwidth.received(alice.peerId(), "/a", 1000);
        now.addAndGet(SECOND);
        double first = bandwidth.total().rateIn();
        assertEquals(1000 * (1 - Math.exp(-1)), first, 1e-9);
        bandwidth.received(alice.peerId(), "/a", 1000);
        now.addAndGet(SECOND);
        double second = bandwidth.total().rateIn();
        assertTrue(second > first && second < 1000, "rises towards a steady 1000 B/s: " + second);
        now.addAndGet(3 * SECOND);
        assertEquals(second * Math.exp(-3), bandwidth.total().rateIn(), 1e-9, "three quiet seconds");
        now.addAndGet(100 * SECOND);
        assertEquals(0, bandwidth.total().rateIn());
        assertEquals(2000, bandwidth.total().totalIn(), "the total stays");
    }

    @Test
    void followsAtMostTheBoundOfPeersDroppingTheOneIdleLongest() {
        TestNode first = new TestNode();
        bandwidth.sent(first.peerId(), "/a", 1);
        for (int i = 1; i < Bandwidth.MAX_PEERS; i++) {
            now.incrementAndGet();
            bandwidth.sent(io.ipfskit.multiformats.PeerId.fromBytes(identity(i)), "/a", 1);
        }
        now.incrementAndGet();
        bandwidth.sent(first.peerId(), "/a", 1);
        now.incrementAndGet();
        bandwidth.sent(bob.peerId(), "/a", 1);
        assertTrue(bandwidth.peer(first.peerId()).isPresent(), "the peer used last is kept");
        assertTrue(bandwidth.peer(bob.peerId()).isPresent());
        assertTrue(bandwidth.peer(io.ipfskit.multiformats.PeerId.fromBytes(identity(1))).isEmpty(), "the idlest went");
        assertEquals(Bandwidth.MAX_PEERS + 2, bandwidth.total().totalOut(), "the total counts every peer");
    }

    /** A SHA-256 multihash whose digest starts with the number: a distinct peer id per number. */
    private static byte[] identity(int i) {
        byte[] multihash = new byte[34];
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        java.nio.ByteBuffer.wrap(multihash, 2, 4).putInt(i);
        return multihash;
    }

    @Test
    void theHostCountsWhatItsStreamsCarry() throws Exception {
        try (TestHost a = new TestHost(); TestHost b = new TestHost()) {
            b.host.addProtocolHandler(new EchoProtocol("/test/echo/1.0.0"));
            a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Collector collector = new Collector();
            Stream stream = a.host.newStream(b.node.peerId(), List.of("/test/echo/1.0.0"), s -> collector)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            stream.write(new byte[300_000]).toCompletableFuture().get(10, TimeUnit.SECONDS);
            stream.closeWrite();
            assertEquals(300_000, collector.closed.get(10, TimeUnit.SECONDS).length);
            Bandwidth.Snapshot echo = a.host.bandwidth().protocol("/test/echo/1.0.0").orElseThrow();
            assertEquals(300_000, echo.totalOut());
            assertEquals(300_000, echo.totalIn());
            assertEquals(echo, a.host.bandwidth().peer(b.node.peerId()).orElseThrow());
            Await.until("B counted the echo both ways", Duration.ofSeconds(10), () -> b.host.bandwidth()
                    .peer(a.node.peerId()).map(s -> s.totalIn() >= 300_000 && s.totalOut() >= 300_000).orElse(false));
        }
    }
}
