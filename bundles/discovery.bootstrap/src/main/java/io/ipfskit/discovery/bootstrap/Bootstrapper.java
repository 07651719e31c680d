package io.ipfskit.discovery.bootstrap;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One bootstrap round, as kubo's: while the node has fewer connections than its minimum, the bootstrap peers it is not
 * connected to, each with its addresses ({@code /dnsaddr} resolved), in random order; none otherwise.
 */
final class Bootstrapper {

    private final List<Multiaddr> entries;
    private final int minConnections;
    private final Supplier<Set<PeerId>> connected;
    private final DnsaddrResolver resolver;
    private final Random random;

    Bootstrapper(List<Multiaddr> entries, int minConnections, Supplier<Set<PeerId>> connected, DnsaddrResolver resolver,
            Random random) {
        this.entries = List.copyOf(entries);
        this.minConnections = minConnections;
        this.connected = connected;
        this.resolver = resolver;
        this.random = random;
    }

    /** The bootstrap peers to dial now. */
    CompletionStage<List<PeerInfo>> round() {
        Set<PeerId> now = connected.get();
        if (now.size() >= minConnections) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<List<Multiaddr>>> resolving = entries.stream()
                .filter(e -> !now.contains(e.peerId().orElseThrow()))
                .map(e -> resolver.resolve(e).toCompletableFuture()).toList();
        return CompletableFuture.allOf(resolving.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<PeerId, Set<Multiaddr>> byPeer = new LinkedHashMap<>();
            for (CompletableFuture<List<Multiaddr>> addresses : resolving) {
                for (Multiaddr address : addresses.join()) {
                    address.peerId().filter(p -> !now.contains(p)).ifPresent(p ->
                            byPeer.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(address.withoutPeerId()));
                }
            }
            List<PeerInfo> peers = new ArrayList<>();
            byPeer.forEach((peer, addresses) -> peers.add(new PeerInfo(peer, List.copyOf(addresses))));
            Collections.shuffle(peers, random);
            return peers;
        });
    }

    /** The configured entries. */
    List<Multiaddr> entries() {
        return entries;
    }
}
