package io.ipfskit.protocol.pubsub.router;

import java.time.Duration;

/**
 * Peer scoring v1.1's weights and thresholds, the same for every topic. P3 (mesh delivery deficits) has weight 0, as
 * go-libp2p-pubsub leaves it unless a topic configures it; every other parameter is named after the spec.
 *
 * @param topicWeight the weight of every topic's score
 * @param timeInMeshWeight P1 per quantum in the mesh
 * @param timeInMeshQuantum P1's unit of time
 * @param timeInMeshCap P1's cap in quanta
 * @param firstDeliveriesWeight P2 per first delivery
 * @param firstDeliveriesDecay P2's decay per decay interval
 * @param firstDeliveriesCap P2's cap
 * @param invalidWeight P4 (negative) times the square of invalid deliveries
 * @param invalidDecay P4's decay
 * @param ipColocationWeight P6 (negative) times the square of peers beyond the threshold on one IP
 * @param ipColocationThreshold P6's threshold (loopback is exempt)
 * @param behaviourWeight P7 (negative) times the square of penalties beyond the threshold
 * @param behaviourThreshold P7's threshold
 * @param behaviourDecay P7's decay
 * @param decayInterval how often counters decay
 * @param decayToZero a counter below this becomes 0
 * @param retainScore how long a disconnected peer's counters are kept
 * @param gossipThreshold below it a peer gets and gives no gossip
 * @param publishThreshold below it a peer gets none of our own messages
 * @param graylistThreshold below it every RPC of the peer is ignored
 * @param acceptPxThreshold a PRUNE's peer exchange is followed only from a peer scoring at least this
 * @param opportunisticGraftThreshold a mesh whose median peer scores below it grafts better-scoring peers
 */
public record ScoreParams(double topicWeight, double timeInMeshWeight, Duration timeInMeshQuantum, double timeInMeshCap,
        double firstDeliveriesWeight, double firstDeliveriesDecay, double firstDeliveriesCap, double invalidWeight,
        double invalidDecay, double ipColocationWeight, int ipColocationThreshold, double behaviourWeight,
        double behaviourThreshold, double behaviourDecay, Duration decayInterval, double decayToZero,
        Duration retainScore, double gossipThreshold, double publishThreshold, double graylistThreshold,
        double acceptPxThreshold, double opportunisticGraftThreshold) {

    /**
     * Defaults in the spirit of go-libp2p-pubsub's examples: one invalid message or a handful of broken promises and
     * GRAFT floods graylist a peer; time in the mesh and first deliveries earn at most +36 and +100; peer exchange is
     * followed from any peer not in the negative; a mesh whose median peer has earned less than 3.5 (a few first
     * deliveries) grafts better peers opportunistically.
     */
    public static final ScoreParams DEFAULTS = new ScoreParams(1, 0.01, Duration.ofSeconds(1), 3600, 1, 0.5, 100,
            -100, 0.999, -10, 10, -10, 1, 0.99, Duration.ofSeconds(1), 0.01, Duration.ofMinutes(1), -10, -50, -80,
            0, 3.5);
}
