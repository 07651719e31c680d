package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.testkit.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Automatic relays: chosen among connected peers offering hop while private, dropped when public, never others. */
class AutoRelaysTest {

    @Test
    void whilePrivateTheNodeReservesOnAConnectedRelayAndStopsWhenPublic() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            Reservations reservations = new Reservations(rig.b.host, List.of(), rig.timers, Clock.systemUTC());
            AutoRelays auto = new AutoRelays(rig.b.host, reservations);
            rig.b.host.connect(rig.relay.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            rig.b.host.connect(rig.aDirect()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            rig.b.host.peerstore().update(rig.relay.node.peerId(),
                    d -> d.withProtocols(Set.of(HopService.PROTOCOL, StopHandler.PROTOCOL)));
            rig.b.host.peerstore().update(rig.a.node.peerId(), d -> d.withProtocols(Set.of(StopHandler.PROTOCOL)));

            auto.accept(Reachability.UNKNOWN);
            assertTrue(auto.chosen().isEmpty(), "unknown chooses nothing");
            auto.accept(Reachability.PRIVATE);
            assertEquals(Set.of(rig.relay.node.peerId()), auto.chosen(), "only the peer offering hop");
            Await.until("a reservation on the relay", Duration.ofSeconds(10),
                    () -> reservations.reservedOn(rig.relay.node.peerId()));
            assertFalse(reservations.addresses().isEmpty());

            auto.accept(Reachability.PUBLIC);
            assertTrue(auto.chosen().isEmpty());
            assertFalse(reservations.reservedOn(rig.relay.node.peerId()));
            assertTrue(reservations.relays().isEmpty());
            reservations.close();
        }
    }
}
