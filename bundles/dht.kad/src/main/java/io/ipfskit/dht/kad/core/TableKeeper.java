package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.dht.kad.wire.MessageType;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides who is in the routing table, as go-libp2p-kad-dht does: a peer enters only when identify lists our DHT
 * protocol for it and it answered a request of ours (one of our lookups, or a FIND_NODE for its own id sent when it
 * connected), and only with an address the DHT keeps; a peer whose request fails is checked at once and leaves if it
 * fails again (one lost stream does not cost a peer its place). When a bucket is full the
 * newcomer waits among its replacements and the bucket's stalest peer, if it has not answered for a minute, is checked;
 * if it fails to answer it leaves and the replacement enters. Checks run at most {@code maxConcurrentChecks} at once.
 */
final class TableKeeper {

    /** A full bucket's stalest peer is checked once it has not answered for this long. */
    static final Duration STALE = Duration.ofMinutes(1);
    /** Below this many peers the table is refilled from the connections (go's minRTRefreshThreshold). */
    static final int LOW = 10;

    private final KadSettings settings;
    private final RoutingTable table;
    private final KadNetwork network;
    private final Scheduler scheduler;
    private final Set<PeerId> checking = ConcurrentHashMap.newKeySet();

    /** How a check of a peer ended. */
    private enum Check { PASSED, FAILED, SKIPPED }

    TableKeeper(KadSettings settings, RoutingTable table, KadNetwork network, Scheduler scheduler) {
        this.settings = settings;
        this.table = table;
        this.network = network;
        this.scheduler = scheduler;
    }

    /**
     * A peer connected: if it is new, its bucket has room, identify says it serves our DHT and it answers a FIND_NODE
     * for itself, it enters (go's peerFound; a peer our own request reached usually entered by answering it already).
     */
    void connected(PeerId peer) {
        if (!table.hasRoomFor(peer)) {
            return;
        }
        network.servesDht(peer).thenAccept(serves -> {
            if (serves && table.hasRoomFor(peer)) {
                check(peer).thenAccept(check -> {
                    if (check == Check.PASSED) {
                        scheduler.execute(() -> add(peer));
                    }
                });
            }
        });
    }

    /** A peer answered one of our requests: its answer time is refreshed, or it enters if it serves our DHT. */
    void answered(PeerId peer) {
        if (table.contains(peer)) {
            table.add(peer, List.of(), scheduler.now());
            return;
        }
        network.servesDht(peer).thenAccept(serves -> {
            if (serves) {
                scheduler.execute(() -> add(peer));
            }
        });
    }

    /**
     * While the table holds fewer than {@link #LOW} peers, every connected peer not in it is considered again (go's
     * fixLowPeers): a node whose first check of its bootstrap peer was lost is not left with an empty table.
     */
    void refillIfLow() {
        if (table.size() < LOW) {
            List.copyOf(network.connectedPeers()).forEach(this::connected);
        }
    }

    /** A request to the peer failed: if it is in the table, it is checked, and leaves if the check fails too. */
    void failed(PeerId peer) {
        if (table.contains(peer)) {
            keepIfAnswering(peer);
        }
    }

    /** Checks every peer that has not answered since {@code before}; those that fail leave. */
    void checkAnsweredBefore(long before) {
        table.answeredBefore(before).forEach(this::keepIfAnswering);
    }

    private void add(PeerId peer) {
        List<Multiaddr> addresses = settings.addresses().filter(network.addresses(peer));
        if (addresses.isEmpty()) {
            return;
        }
        RoutingTable.Admission admission = table.add(peer, addresses, scheduler.now());
        if (admission.outcome() == RoutingTable.Outcome.FULL
                && scheduler.now() - admission.stalestAnswered() > STALE.toMillis()) {
            keepIfAnswering(admission.stalest());
        }
    }

    /** Checks a peer of the table: it stays (answer time refreshed) if it passes, leaves if it fails. */
    private void keepIfAnswering(PeerId peer) {
        check(peer).thenAccept(check -> {
            if (check == Check.PASSED) {
                table.add(peer, List.of(), scheduler.now());
            } else if (check == Check.FAILED) {
                table.remove(peer);
            }
        });
    }

    /**
     * Asks the peer for the peers closest to itself: it passes if it answers, with at least one peer unless our table
     * is still small (go's lookupCheck). SKIPPED at once when too many checks run or one of this peer already does.
     */
    private CompletionStage<Check> check(PeerId peer) {
        if (checking.size() >= settings.maxConcurrentChecks() || !checking.add(peer)) {
            return CompletableFuture.completedFuture(Check.SKIPPED);
        }
        CompletableFuture<Check> result = new CompletableFuture<>();
        network.request(peer, KadMessage.request(MessageType.FIND_NODE, peer.bytes())).whenComplete((answer, error) -> {
            checking.remove(peer);
            boolean passed = error == null && (!answer.closerPeers().isEmpty() || table.size() < settings.k());
            result.complete(passed ? Check.PASSED : Check.FAILED);
        });
        return result;
    }
}
