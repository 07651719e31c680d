package io.ipfskit.protocol.pubsub.router;

import java.time.Duration;

/**
 * GossipSub's parameters; {@link #DEFAULTS} are go-libp2p-pubsub's (D_lo 5 as go, where the spec suggests 4).
 *
 * @param d the mesh degree aimed at
 * @param dLo below it the heartbeat grafts peers
 * @param dHi above it the heartbeat prunes peers
 * @param dScore the best-scoring peers kept when pruning
 * @param dOut the peers we dialled that a mesh keeps (and grafts when it has fewer)
 * @param dLazy the peers gossiped to (at least)
 * @param gossipFactor the share of eligible peers gossiped to, when more than dLazy
 * @param historyLength the heartbeats a message stays in the message cache
 * @param historyGossip the heartbeats of the cache gossiped about
 * @param gossipRetransmission how often one peer may ask for one message by IWANT
 * @param heartbeat the heartbeat interval
 * @param fanoutTtl how long a topic we publish to without subscribing keeps its fanout peers
 * @param seenTtl how long a message id is remembered
 * @param pruneBackoff the backoff we ask for (and apply when the pruner names none)
 * @param unsubscribeBackoff the backoff when we leave a topic
 * @param graftFloodThreshold a GRAFT this soon after our PRUNE is penalised twice
 * @param prunePeers the peers offered in a PRUNE's peer exchange
 * @param maxIHaveLength message ids taken from one peer's IHAVEs per heartbeat
 * @param maxIHaveMessages IHAVE messages taken from one peer per heartbeat
 * @param iwantFollowup how long a peer has to deliver what its IHAVE promised
 * @param maxMessageSize the largest RPC (and so message) sent or taken
 * @param maxSeen the message ids remembered at most
 * @param maxQueuedRpcs RPCs queued to one peer at most; more are dropped and the peer is penalised
 * @param opportunisticGraftTicks every this many heartbeats a mesh scoring low grafts better peers
 * @param opportunisticGraftPeers how many peers such a graft adds at most
 */
public record GossipParams(int d, int dLo, int dHi, int dScore, int dOut, int dLazy, double gossipFactor, int historyLength,
        int historyGossip, int gossipRetransmission, Duration heartbeat, Duration fanoutTtl, Duration seenTtl,
        Duration pruneBackoff, Duration unsubscribeBackoff, Duration graftFloodThreshold, int prunePeers,
        int maxIHaveLength, int maxIHaveMessages, Duration iwantFollowup, int maxMessageSize, int maxSeen,
        int maxQueuedRpcs, int opportunisticGraftTicks, int opportunisticGraftPeers) {

    /** go-libp2p-pubsub's defaults; 256 queued RPCs per peer (go's 32, our writes being asynchronous). */
    public static final GossipParams DEFAULTS = new GossipParams(6, 5, 12, 4, 2, 6, 0.25, 5, 3, 3, Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10),
            Duration.ofSeconds(10), 16, 5000, 10, Duration.ofSeconds(3), 1024 * 1024, 1 << 18, 256, 60, 2);
}
