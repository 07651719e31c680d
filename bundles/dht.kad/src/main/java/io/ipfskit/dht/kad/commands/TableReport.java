package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.dht.kad.api.RoutingTableSnapshot;
import io.ipfskit.dht.kad.api.TableBucket;
import io.ipfskit.dht.kad.api.TableEntry;
import io.ipfskit.multiformats.PeerId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A routing table as kubo's {@code stats/dht} reports it: {@code {"Name", "Buckets": [{"LastRefresh", "Peers": [{"ID",
 * "Connected", "AgentVersion", "LastUsefulAt", "LastQueriedAt"}]}]}}, one bucket per common prefix length from 0 to the
 * deepest non-empty one (empty ones between), times in RFC 3339 or empty for never; agent and connectedness from the host.
 */
final class TableReport {

    private TableReport() {
    }

    /** The report of the DHT named {@code name}. */
    static Map<String, Object> of(String name, RoutingTableSnapshot table, Host host) {
        Set<PeerId> connected = host.connections().stream().map(Connection::remotePeer).collect(Collectors.toSet());
        int depth = table.buckets().stream().mapToInt(TableBucket::commonPrefixLength).max().orElse(-1) + 1;
        List<List<Map<String, Object>>> peers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            peers.add(new ArrayList<>());
        }
        for (TableBucket bucket : table.buckets()) {
            for (TableEntry entry : bucket.peers()) {
                Map<String, Object> peer = new LinkedHashMap<>();
                peer.put("ID", entry.peer().toBase58());
                peer.put("Connected", connected.contains(entry.peer()));
                peer.put("AgentVersion", host.peerstore().get(entry.peer()).map(PeerData::agentVersion).orElse(""));
                peer.put("LastUsefulAt", time(entry.lastUseful()));
                peer.put("LastQueriedAt", time(entry.lastAnswered()));
                peers.get(bucket.commonPrefixLength()).add(peer);
            }
        }
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int cpl = 0; cpl < depth; cpl++) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("LastRefresh", time(table.refreshedAt().get(cpl)));
            bucket.put("Peers", peers.get(cpl));
            buckets.add(bucket);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("Name", name);
        report.put("Buckets", buckets);
        return report;
    }

    private static String time(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
