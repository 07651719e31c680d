package io.ipfskit.dht.kad.internal;

import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.dht.kad.core.DhtCounters;
import io.ipfskit.dht.kad.core.KadNode;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One DHT's meters, tagged {@code dht} ({@code wan}, {@code lan}): lookups, requests sent, failed and served (counters)
 * and the routing table's size (gauge).
 */
record DhtMeters(String dht, KadNode node) implements MeterBinder {

    @Override
    public List<Meter> bind(Metrics metrics) {
        return List.of(
                counter(metrics, "ipfskit.dht.lookups", "lookups started (queries and table refreshes)", DhtCounters::lookups),
                counter(metrics, "ipfskit.dht.requests.sent", "requests sent to peers by lookups", DhtCounters::requestsSent),
                counter(metrics, "ipfskit.dht.requests.failed", "requests sent that failed", DhtCounters::requestsFailed),
                counter(metrics, "ipfskit.dht.requests.served", "requests from peers served", DhtCounters::requestsServed),
                metrics.gauge("ipfskit.dht.routing.table.size", "peers in the routing table", node::tableSize, "dht", dht));
    }

    private Meter counter(Metrics metrics, String name, String description, ToLongFunction<DhtCounters> value) {
        return metrics.counter(name, description, () -> value.applyAsLong(node.counters()), "dht", dht);
    }
}
