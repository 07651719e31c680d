package io.ipfskit.dht.kad.testing;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.KademliaDht;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.api.RoutingTableSnapshot;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A server-mode DHT for tests that supports nothing: a test fake overrides just the operations it scripts. */
public class UnsupportedDht implements KademliaDht {

    private final String protocolId;

    /** A DHT speaking {@code protocolId}. */
    public UnsupportedDht(String protocolId) {
        this.protocolId = protocolId;
    }

    @Override
    public String protocolId() {
        return protocolId;
    }

    @Override
    public DhtMode mode() {
        return DhtMode.SERVER;
    }

    @Override
    public CompletionStage<List<PeerInfo>> closestPeers(byte[] key, QueryListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<PeerInfo>> findPeer(PeerId peer, QueryListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> findProviders(Multihash key, int limit, Consumer<PeerInfo> provider,
            QueryListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> provide(Multihash key, QueryListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<byte[]> getValue(byte[] key, QueryListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Void> putValue(byte[] key, byte[] value, QueryListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RoutingTableSnapshot routingTable() {
        throw new UnsupportedOperationException();
    }
}
