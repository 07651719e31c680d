package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.relay.wire.Limit;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The relay's limits: a reservation flood, reservations per IP, refresh, expiry, circuits per peer and in all. */
class ReservationTableTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final ReservationTable table = new ReservationTable(new RelayLimits(Duration.ofHours(1), 4, 2, 2, 3,
            new Limit(120, 1024)));

    private static PeerId peer() {
        return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    }

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void aReservationFloodStopsAtTheLimit() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertNull(table.reserve(peer(), ip(i), NOW));
        }
        assertEquals(ReservationTable.Refusal.TOO_MANY_RESERVATIONS, table.reserve(peer(), ip(9), NOW));
        assertEquals(4, table.reservations());
    }

    @Test
    void oneIpHoldsAtMostItsShare() throws Exception {
        assertNull(table.reserve(peer(), ip(1), NOW));
        assertNull(table.reserve(peer(), ip(1), NOW));
        assertEquals(ReservationTable.Refusal.TOO_MANY_FROM_IP, table.reserve(peer(), ip(1), NOW));
        assertNull(table.reserve(peer(), ip(2), NOW));
    }

    @Test
    void aRefreshTakesNoNewSlotAndExtendsTheReservation() throws Exception {
        PeerId p = peer();
        assertNull(table.reserve(p, ip(1), NOW));
        assertNull(table.reserve(p, ip(1), NOW.plusSeconds(1800)));
        assertEquals(1, table.reservations());
        assertTrue(table.holds(p, NOW.plusSeconds(3600)));
    }

    @Test
    void anExpiredReservationIsNotHeldAndFreesItsSlot() throws Exception {
        PeerId p = peer();
        assertNull(table.reserve(p, ip(1), NOW));
        assertFalse(table.holds(p, NOW.plusSeconds(3600)));
        for (int i = 0; i < 4; i++) {
            assertNull(table.reserve(peer(), ip(10 + i), NOW.plusSeconds(3600)));
        }
    }

    @Test
    void circuitsAreBoundedPerPeerAndInAllAndReleasedOnce() {
        PeerId a = peer();
        PeerId b = peer();
        PeerId c = peer();
        ReservationTable.Lease first = table.circuit(a, b);
        assertNotNull(first);
        assertNotNull(table.circuit(a, c));
        assertNull(table.circuit(a, peer()), "a takes part in 2 circuits already");
        assertNotNull(table.circuit(b, c));
        assertNull(table.circuit(peer(), peer()), "3 circuits in all");
        first.close();
        first.close();
        assertEquals(2, table.circuits());
    }
}
