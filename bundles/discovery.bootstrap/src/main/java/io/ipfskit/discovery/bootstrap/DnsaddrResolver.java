package io.ipfskit.discovery.bootstrap;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves {@code /dnsaddr/<host>[/p2p/<id>]} as libp2p's multiaddr-dns does: the TXT records of
 * {@code _dnsaddr.<host>} that read {@code dnsaddr=<multiaddr>}, kept only when they name the same peer id (when the
 * address names one), resolved again while they are {@code /dnsaddr} themselves: at most {@link #MAX_DEPTH} levels
 * deep, {@link #MAX_QUERIES} queries and {@link #MAX_ADDRESSES} addresses in all. Other addresses are returned as they
 * are; a failed query yields none.
 */
final class DnsaddrResolver {

    /** Levels of /dnsaddr followed. */
    static final int MAX_DEPTH = 4;
    /** Addresses one resolution returns at most. */
    static final int MAX_ADDRESSES = 100;
    /** DNS queries one resolution makes at most (records naming many /dnsaddr would otherwise multiply them). */
    static final int MAX_QUERIES = 32;
    private static final String PREFIX = "dnsaddr=";

    private final TxtLookup lookup;

    DnsaddrResolver(TxtLookup lookup) {
        this.lookup = lookup;
    }

    /** The addresses the multiaddr stands for. */
    CompletionStage<List<Multiaddr>> resolve(Multiaddr address) {
        return resolve(address, 1, new AtomicInteger(MAX_QUERIES))
                .thenApply(all -> all.size() > MAX_ADDRESSES ? all.subList(0, MAX_ADDRESSES) : all);
    }

    private CompletionStage<List<Multiaddr>> resolve(Multiaddr address, int depth, AtomicInteger queriesLeft) {
        if (address.components().isEmpty() || address.components().get(0).protocol() != Protocol.DNSADDR) {
            return CompletableFuture.completedFuture(List.of(address));
        }
        if (depth > MAX_DEPTH || queriesLeft.getAndDecrement() <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        String host = address.components().get(0).valueString();
        Optional<PeerId> peer = address.peerId();
        return lookup.txt("_dnsaddr." + host).handle((records, failure) -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(List.<Multiaddr>of());
            }
            List<CompletableFuture<List<Multiaddr>>> nested = new ArrayList<>();
            for (String record : records) {
                if (nested.size() >= MAX_ADDRESSES) {
                    break;
                }
                parse(record).filter(found -> peer.isEmpty() || peer.equals(found.peerId()))
                        .ifPresent(found -> nested.add(resolve(found, depth + 1, queriesLeft).toCompletableFuture()));
            }
            return CompletableFuture.allOf(nested.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<Multiaddr> all = new ArrayList<>();
                nested.forEach(n -> all.addAll(n.join()));
                return all.size() > MAX_ADDRESSES ? all.subList(0, MAX_ADDRESSES) : all;
            });
        }).thenCompose(stage -> stage);
    }

    private static Optional<Multiaddr> parse(String record) {
        if (!record.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Multiaddr.parse(record.substring(PREFIX.length()).trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
