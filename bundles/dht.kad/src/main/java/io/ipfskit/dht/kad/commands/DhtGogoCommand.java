package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo {@code ipfs:dht query PEER | findpeer PEER | table [wan|lan]}: the closest peers, a peer's addresses (one per
 * line, as kubo's CLI) and the routing tables by bucket. Queries end within the DHT's lookup deadline.
 */
@Component(service = DhtGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=dht"})
public final class DhtGogoCommand {

    private static final String USAGE = "usage: dht query PEER | findpeer PEER | table [wan|lan]";

    private final NodeDhts dhts;

    /** Works on the node's DHTs. */
    @Activate
    public DhtGogoCommand(@Reference NodeDhts dhts) {
        this.dhts = dhts;
    }

    /** {@code dht table}: every DHT's routing table. */
    public String dht(String what) throws RpcException {
        if (!"table".equals(what)) {
            throw RpcException.client(USAGE);
        }
        StringJoiner out = new StringJoiner("\n");
        for (String name : dhts.names()) {
            out.add(table(name));
        }
        return out.toString();
    }

    /** {@code dht query PEER}, {@code dht findpeer PEER} or {@code dht table wan|lan}. */
    public String dht(String what, String argument) throws RpcException, InterruptedIOException {
        switch (what) {
            case "table" -> {
                return table(argument);
            }
            case "query" -> {
                PeerId peer = DhtKeys.peer(argument);
                dhts.requireOnline();
                List<PeerInfo> closest = await(dhts.active().closestPeers(peer.bytes(), QueryListener.NONE)
                        .toCompletableFuture());
                StringJoiner out = new StringJoiner("\n");
                closest.forEach(p -> out.add(p.peerId().toBase58()));
                return out.toString();
            }
            case "findpeer" -> {
                PeerId peer = DhtKeys.peer(argument);
                dhts.requireOnline();
                Optional<PeerInfo> found = await(dhts.findPeer(peer, QueryListener.NONE));
                if (found.isEmpty()) {
                    throw new RpcException(RpcException.Kind.NORMAL, "routing: not found");
                }
                StringJoiner out = new StringJoiner("\n");
                found.get().addresses().stream().map(Multiaddr::toString).forEach(out::add);
                return out.toString();
            }
            default -> throw RpcException.client(USAGE);
        }
    }

    /** kubo's text of {@code stats dht}: a line per DHT and per bucket, then its peers ({@code @} when connected). */
    private String table(String name) throws RpcException {
        Map<String, Object> report = TableReport.of(name, dhts.named(name).routingTable(), dhts.host());
        List<?> buckets = (List<?>) report.get("Buckets");
        int count = buckets.stream().mapToInt(b -> ((List<?>) ((Map<?, ?>) b).get("Peers")).size()).sum();
        StringJoiner out = new StringJoiner("\n");
        out.add("DHT " + name + " (" + count + " peers):");
        for (int i = 0; i < buckets.size(); i++) {
            List<?> peers = (List<?>) ((Map<?, ?>) buckets.get(i)).get("Peers");
            out.add(String.format("  Bucket %2d (%d peers):", i, peers.size()));
            for (Object p : peers) {
                Map<?, ?> peer = (Map<?, ?>) p;
                out.add("  " + (Boolean.TRUE.equals(peer.get("Connected")) ? "@ " : "  ") + peer.get("ID")
                        + "  last useful " + never(peer.get("LastUsefulAt")) + ", last queried "
                        + never(peer.get("LastQueriedAt")) + "  " + peer.get("AgentVersion"));
            }
        }
        return out.toString();
    }

    private static String never(Object time) {
        return "".equals(time) ? "never" : String.valueOf(time);
    }

    private static <T> T await(CompletableFuture<T> query) throws RpcException, InterruptedIOException {
        try {
            return query.get();
        } catch (InterruptedException e) {
            query.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while querying the DHT");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new RpcException(RpcException.Kind.NORMAL,
                    cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
    }
}
