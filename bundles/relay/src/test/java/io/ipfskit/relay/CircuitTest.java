package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.relay.wire.Limit;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Circuits end to end on three loopback hosts: reservation, relayed upgrade, data, and the relay's limits. */
class CircuitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RelayLimits limits(Limit circuit) {
        RelayLimits d = RelayLimits.defaults();
        return new RelayLimits(d.reservationTtl(), d.maxReservations(), d.maxReservationsPerIp(), d.maxCircuitsPerPeer(),
                d.maxCircuits(), circuit);
    }

    private static byte[] echo(RelayRig rig, Connection c, byte[] payload) throws Exception {
        Collector collector = new Collector();
        Stream stream = await(c.newStream(List.of(RelayRig.ECHO), s -> collector));
        await(stream.write(payload));
        stream.closeWrite();
        return collector.closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReservesAndAdvertisesThenBReachesItThroughTheRelay() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            Reservations.Held held = await(rig.aRelays.reserve(rig.relay.address()));
            assertEquals(rig.relay.node.peerId(), held.relay());
            assertTrue(rig.aRelays.reservedOn(rig.relay.node.peerId()));
            Multiaddr advertised = rig.relay.host.listenAddresses().get(0).withPeerId(rig.relay.node.peerId())
                    .encapsulate(Multiaddr.parse("/p2p-circuit"));
            assertTrue(rig.a.host.listenAddresses().contains(advertised), rig.a.host.listenAddresses().toString());

            Connection c = await(rig.b.host.connect(rig.aThroughRelay()));
            assertEquals(rig.a.node.peerId(), c.remotePeer());
            assertTrue(HopService.relayed(c.remoteAddress()), c.remoteAddress().toString());
            assertEquals("/noise", c.security(), "the two ends secure the relayed stream themselves");
            assertEquals("/yamux/1.0.0", c.muxer());
            byte[] payload = new byte[48 * 1024];
            new Random(1).nextBytes(payload);
            assertArrayEquals(payload, echo(rig, c, payload));
            Await.until("A to see B relayed", WAIT, () -> rig.a.host.connections().stream()
                    .anyMatch(x -> x.remotePeer().equals(rig.b.node.peerId()) && HopService.relayed(x.remoteAddress())));
            assertEquals(1, rig.hop.table().circuits());
        }
    }

    @Test
    void aReservationComingAndGoingTellsTheHostsListenersTheNewAddresses() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            List<List<Multiaddr>> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            rig.a.host.subscribe(new io.ipfskit.api.net.HostListener() {
                @Override
                public void listenAddressesChanged(List<Multiaddr> addresses) {
                    told.add(addresses);
                }
            });
            await(rig.aRelays.reserve(rig.relay.address()));
            Multiaddr advertised = rig.relay.host.listenAddresses().get(0).withPeerId(rig.relay.node.peerId())
                    .encapsulate(Multiaddr.parse("/p2p-circuit"));
            Await.until("the host to announce the relayed address", WAIT,
                    () -> !told.isEmpty() && told.get(told.size() - 1).contains(advertised));
            rig.aRelays.remove(rig.relay.node.peerId());
            Await.until("the host to announce its addresses without it", WAIT,
                    () -> !told.get(told.size() - 1).contains(advertised));
        }
    }

    @Test
    void aCircuitCarryingMoreThanItsDataLimitIsCut() throws Exception {
        try (RelayRig rig = new RelayRig(limits(new Limit(120, 32 * 1024)))) {
            await(rig.aRelays.reserve(rig.relay.address()));
            Connection c = await(rig.b.host.connect(rig.aThroughRelay()));
            byte[] payload = new byte[256 * 1024];
            assertThrows(Exception.class, () -> echo(rig, c, payload));
            Await.until("the circuit to be released", WAIT, () -> rig.hop.table().circuits() == 0);
            Await.until("B's relayed connection to close", WAIT,
                    () -> rig.b.host.connections().stream().noneMatch(x -> x.remotePeer().equals(rig.a.node.peerId())));
        }
    }

    @Test
    void aCircuitOutlivingItsDurationIsCut() throws Exception {
        try (RelayRig rig = new RelayRig(limits(new Limit(1, 1 << 20)))) {
            await(rig.aRelays.reserve(rig.relay.address()));
            await(rig.b.host.connect(rig.aThroughRelay()));
            assertEquals(1, rig.hop.table().circuits());
            Await.until("the circuit to be cut after 1 s", WAIT, () -> rig.hop.table().circuits() == 0);
            Await.until("B's relayed connection to close", WAIT,
                    () -> rig.b.host.connections().stream().noneMatch(x -> x.remotePeer().equals(rig.a.node.peerId())));
        }
    }

    @Test
    void withoutAReservationTheRelayRefusesToConnect() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(rig.b.host.connect(rig.aThroughRelay())));
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("NO_RESERVATION"), e.getCause().toString());
            assertFalse(rig.a.host.connections().stream().anyMatch(x -> x.remotePeer().equals(rig.b.node.peerId())));
        }
    }
}
