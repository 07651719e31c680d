package io.ipfskit.relay;

import io.ipfskit.relay.wire.Limit;
import java.time.Duration;

/**
 * What a relay grants (go-libp2p's relay resource defaults, which kubo uses): reservations last {@code reservationTtl},
 * at most {@code maxReservations} at once and {@code maxReservationsPerIp} from one IP; a peer takes part in at most
 * {@code maxCircuitsPerPeer} circuits, the relay carries at most {@code maxCircuits}; each circuit is cut after
 * {@code circuit}'s duration or data (bytes each way).
 */
record RelayLimits(Duration reservationTtl, int maxReservations, int maxReservationsPerIp, int maxCircuitsPerPeer,
        int maxCircuits, Limit circuit) {

    /** go-libp2p's defaults: 1 h, 128 reservations, 8 per IP, 16 circuits per peer, 2 min and 128 KiB per circuit. */
    static RelayLimits defaults() {
        return new RelayLimits(Duration.ofHours(1), 128, 8, 16, 1024, new Limit(120, 128 * 1024));
    }
}
