package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.relay.wire.HolePunchCodec;
import io.ipfskit.relay.wire.HolePunchMessage;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DCUtR on three loopback hosts: B reaches A through the relay, A initiates, the two end up directly connected. */
class HolePunchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HolePuncher install(TestHost t, RelayRig rig) {
        HolePuncher dcutr = new HolePuncher(t.host, t.host, List::of, rig.timers);
        t.host.subscribe(dcutr);
        t.host.addProtocolHandler(dcutr);
        return dcutr;
    }

    /** Completes true when the stream is reset, false when anything else arrives first. */
    private static final class ResetWatch implements StreamListener {
        final CompletableFuture<Boolean> reset = new CompletableFuture<>();

        @Override
        public void onData(byte[] data) {
            reset.complete(false);
        }

        @Override
        public void onRemoteClose() {
            reset.complete(false);
        }

        @Override
        public void onReset() {
            reset.complete(true);
        }
    }

    private static boolean connected(TestHost from, TestHost to, boolean relayed) {
        return from.host.connections().stream().anyMatch(c -> c.remotePeer().equals(to.node.peerId())
                && HopService.relayed(c.remoteAddress()) == relayed);
    }

    @Test
    void theRelayedConnectionIsReplacedByADirectOneOnBothSides() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            install(rig.a, rig);
            install(rig.b, rig);
            rig.aRelays.reserve(rig.relay.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Connection relayed = rig.b.host.connect(rig.aThroughRelay()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(HopService.relayed(relayed.remoteAddress()));
            Await.until("a direct connection on both sides", WAIT,
                    () -> connected(rig.a, rig.b, false) && connected(rig.b, rig.a, false));
            Await.until("the relayed connections to close after the grace period", WAIT,
                    () -> !connected(rig.a, rig.b, true) && !connected(rig.b, rig.a, true));
            Connection direct = rig.b.host.connect(rig.a.node.peerId(), List.of()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertFalse(HopService.relayed(direct.remoteAddress()), "new streams go over the direct connection");
        }
    }

    @Test
    void aConnectWithoutADialableAddressEndsTheExchange() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            install(rig.a, rig);
            Connection c = rig.b.host.connect(rig.a.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            ResetWatch watch = new ResetWatch();
            Stream stream = c.newStream(List.of(HolePuncher.PROTOCOL), s -> watch).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            stream.write(RelayCodec.frame(HolePunchCodec.encode(HolePunchMessage.connect(List.of(
                    Multiaddr.parse("/ip4/127.0.0.1/tcp/4001").encapsulate(Multiaddr.parse("/p2p-circuit")))))));
            assertTrue(watch.reset.get(10, TimeUnit.SECONDS), "A resets instead of answering a CONNECT it cannot use");
        }
    }

    @Test
    void aSecondExchangeWithTheSamePeerIsRefusedWhileOneRuns() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            install(rig.a, rig);
            Connection c = rig.b.host.connect(rig.a.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            ResetWatch first = new ResetWatch();
            ResetWatch second = new ResetWatch();
            Stream running = c.newStream(List.of(HolePuncher.PROTOCOL), s -> first).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            running.write(RelayCodec.frame(HolePunchCodec.encode(HolePunchMessage.connect(rig.b.host.listenAddresses()))));
            assertFalse(first.reset.get(10, TimeUnit.SECONDS), "A answers the first exchange's CONNECT");
            c.newStream(List.of(HolePuncher.PROTOCOL), s -> second).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(second.reset.get(10, TimeUnit.SECONDS), "one exchange per peer");
        }
    }
}
