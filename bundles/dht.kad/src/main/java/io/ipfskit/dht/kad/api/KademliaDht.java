package io.ipfskit.dht.kad.api;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One Kademlia DHT (the public {@code /ipfs/kad/1.0.0} or the LAN {@code /ipfs/lan/kad/1.0.0}). Every query reports
 * its steps to the listener given, runs within the DHT's lookup deadline, and stops early when the caller cancels the
 * returned stage's future ({@code toCompletableFuture().cancel(true)}).
 */
@ProviderType
public interface KademliaDht {

    /** Service property naming the DHT: {@code wan} (the public one) or {@code lan}. */
    String NAME = "ipfskit.dht.name";

    /** The protocol id spoken. */
    String protocolId();

    /** Whether this node answers others' requests now. */
    DhtMode mode();

    /**
     * The lookup every other query is made of (what a random walk calls): walks the network towards the key (any
     * bytes; a peer id's bytes for a peer) and completes with the k closest DHT servers that answered, closest first.
     * Peers met on the way may enter the routing table. Fails when the routing table is empty.
     */
    CompletionStage<List<PeerInfo>> closestPeers(byte[] key, QueryListener listener);

    /** The peer with its addresses: connected or known locally, else found by a lookup; empty when nobody knew it. */
    CompletionStage<Optional<PeerInfo>> findPeer(PeerId peer, QueryListener listener);

    /**
     * Reports up to {@code limit} providers of the multihash as they are found, each once (local records first, then
     * the lookup's); their addresses also go to the host's peerstore. Completes when the search ends.
     */
    CompletionStage<Void> findProviders(Multihash key, int limit, Consumer<PeerInfo> provider, QueryListener listener);

    /** Announces this node as a provider of the multihash to the k closest servers; completes when they were told. */
    CompletionStage<Void> provide(Multihash key, QueryListener listener);

    /**
     * The best valid value under the key ({@code /pk/...} or {@code /ipns/...}), local and from the network; peers that
     * held a worse one or none are given the best. Fails with {@link java.util.NoSuchElementException} if none is found.
     */
    CompletionStage<byte[]> getValue(byte[] key, QueryListener listener);

    /** Validates the value, stores it locally and on the k closest servers; fails if invalid or older than ours. */
    CompletionStage<Void> putValue(byte[] key, byte[] value, QueryListener listener);

    /** The routing table now. */
    RoutingTableSnapshot routingTable();
}
