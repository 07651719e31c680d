package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.dht.kad.api.KademliaDht;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.records.Validators;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The node's DHTs as kubo's dual DHT serves its admin commands: {@code findpeer} and {@code get} ask the public and the
 * LAN DHT at once (addresses merged, the best value of both); {@code put} and {@code query} use the public DHT while its
 * routing table has peers, else the LAN one. Every operation refuses when the node runs offline.
 */
@Component(service = NodeDhts.class)
public final class NodeDhts {

    /** kubo's answer when a command needs the network and the node runs offline. */
    static final String NOT_ONLINE = "this command must be run in online mode. Try running 'ipfs-kit daemon' first";

    private static final Validators SELECTOR = new Validators(peer -> Optional.empty());

    private final KademliaDht wan;
    private final KademliaDht lan;
    private final Host host;
    private final boolean offline;

    /** The public DHT, the LAN DHT when it runs, the host (connections, peerstore), offline as the launcher says. */
    @Activate
    public NodeDhts(@Reference(target = "(" + KademliaDht.NAME + "=wan)") KademliaDht wan,
            @Reference(target = "(" + KademliaDht.NAME + "=lan)", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) KademliaDht lan,
            @Reference Host host, BundleContext context) {
        this(wan, lan, host, Boolean.parseBoolean(context.getProperty(RuntimeProperties.OFFLINE)));
    }

    /** The DHTs (lan may be null) of a node that is offline or not. */
    NodeDhts(KademliaDht wan, KademliaDht lan, Host host, boolean offline) {
        this.wan = wan;
        this.lan = lan;
        this.host = host;
        this.offline = offline;
    }

    /** Fails as kubo does when the node runs offline. */
    void requireOnline() throws RpcException {
        if (offline) {
            throw new RpcException(RpcException.Kind.NORMAL, NOT_ONLINE);
        }
    }

    /** The host whose connections and peerstore the commands report. */
    Host host() {
        return host;
    }

    /** The DHT named {@code wan} or {@code lan}, or a client error. */
    KademliaDht named(String name) throws RpcException {
        return switch (name) {
            case "wan" -> wan;
            case "lan" -> Optional.ofNullable(lan).orElseThrow(() -> RpcException.client("the LAN DHT is not running"));
            default -> throw RpcException.client("unknown dht type: " + name);
        };
    }

    /** The names of the running DHTs, public first. */
    List<String> names() {
        return lan == null ? List.of("wan") : List.of("wan", "lan");
    }

    /** The public DHT while its table has peers, else the LAN one (kubo's WANActive). */
    KademliaDht active() {
        return lan != null && wan.routingTable().size() == 0 ? lan : wan;
    }

    /** The peer from every DHT at once, with the addresses all of them found; empty when none did. */
    CompletableFuture<Optional<PeerInfo>> findPeer(PeerId peer, QueryListener listener) {
        List<CompletableFuture<Optional<PeerInfo>>> searches = new ArrayList<>();
        for (KademliaDht dht : all()) {
            searches.add(dht.findPeer(peer, listener).toCompletableFuture());
        }
        return whenAll(searches, Optional.empty(), results -> {
            Set<Multiaddr> addresses = new LinkedHashSet<>();
            results.stream().flatMap(Optional::stream).forEach(p -> addresses.addAll(p.addresses()));
            return results.stream().anyMatch(Optional::isPresent)
                    ? Optional.of(new PeerInfo(peer, List.copyOf(addresses))) : Optional.empty();
        });
    }

    /** The best valid value of every DHT; fails with NoSuchElementException when none had one. */
    CompletableFuture<byte[]> getValue(byte[] key, QueryListener listener) {
        List<CompletableFuture<byte[]>> searches = new ArrayList<>();
        for (KademliaDht dht : all()) {
            searches.add(dht.getValue(key, listener).toCompletableFuture());
        }
        return whenAll(searches, null, results -> {
            List<byte[]> values = results.stream().filter(v -> v != null).toList();
            if (values.isEmpty()) {
                throw new NoSuchElementException("routing: not found");
            }
            return values.get(SELECTOR.select(key, values));
        });
    }

    private List<KademliaDht> all() {
        return lan == null ? List.of(wan) : List.of(wan, lan);
    }

    /**
     * The searches' results (a failed one's is {@code failed}) combined once all ended; cancelling the result cancels
     * the searches still running.
     */
    private static <T, R> CompletableFuture<R> whenAll(List<CompletableFuture<T>> searches, T failed,
            Function<List<T>, R> combine) {
        List<CompletableFuture<T>> settled = searches.stream().map(s -> s.exceptionally(error -> failed)).toList();
        CompletableFuture<R> result = CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new))
                .thenApply(done -> combine.apply(settled.stream().map(CompletableFuture::join).toList()));
        result.whenComplete((ok, error) -> {
            if (result.isCancelled()) {
                searches.forEach(s -> s.cancel(true));
            }
        });
        return result;
    }
}
