package io.ipfskit.discovery;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A host stand-in: records dials and leaves each pending until the test succeeds or fails it. */
final class FakeNetwork implements PeerFeeder.Network {

    static final PeerId SELF = peer("self");

    final Set<PeerId> connected = ConcurrentHashMap.newKeySet();
    final List<PeerId> dials = new ArrayList<>();
    private final Map<PeerId, CompletableFuture<Void>> pending = new HashMap<>();

    static PeerId peer(String name) {
        return PeerId.of(Multihash.sha256(name.getBytes(StandardCharsets.UTF_8)));
    }

    static PeerInfo info(String name) {
        return new PeerInfo(peer(name), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
    }

    @Override
    public PeerId self() {
        return SELF;
    }

    @Override
    public Set<PeerId> connectedPeers() {
        return Set.copyOf(connected);
    }

    @Override
    public synchronized CompletionStage<?> dial(PeerInfo peer) {
        dials.add(peer.peerId());
        CompletableFuture<Void> dial = new CompletableFuture<>();
        pending.put(peer.peerId(), dial);
        return dial;
    }

    /** The pending dial of the peer connects. */
    void succeed(String name) {
        connected.add(peer(name));
        take(name).complete(null);
    }

    /** The pending dial of the peer fails. */
    void fail(String name) {
        take(name).completeExceptionally(new java.io.IOException("connection refused"));
    }

    private synchronized CompletableFuture<Void> take(String name) {
        CompletableFuture<Void> dial = pending.remove(peer(name));
        if (dial == null) {
            throw new AssertionError("no pending dial of " + name);
        }
        return dial;
    }

    synchronized List<PeerId> dials() {
        return List.copyOf(dials);
    }
}
