package io.ipfskit.dht.kad.host;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.TableBucket;
import io.ipfskit.dht.kad.api.TableEntry;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.identify.IdentifyHandler;
import io.ipfskit.protocol.identify.IdentifyPushHandler;
import io.ipfskit.protocol.identify.IdentifyService;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test node: a loopback {@link TestHost} with identify and one DHT (by default the public one accepting loopback
 * peers, as the test profile will), short request and lookup timeouts, an in-memory record store.
 */
public final class DhtPeer implements AutoCloseable {

    /** The host and its identity. */
    public final TestHost test = new TestHost();
    final IdentifyService identify = new IdentifyService(test.host, test.node);
    final ExecutorScheduler scheduler = new ExecutorScheduler("test-dht", 2);
    /** The DHT's records. */
    public final RecordStore store;
    final HostDht dht;
    private final List<HostDht> extra = new ArrayList<>();

    DhtPeer(DhtMode mode) {
        this(KadSettings.wan(mode, true), StoreLimits.of(NodeRole.WORKER));
    }

    DhtPeer(DhtMode mode, StoreLimits limits) {
        this(KadSettings.wan(mode, true), limits);
    }

    /** A node running one DHT with these settings (test timings) and limits. */
    public DhtPeer(KadSettings settings, StoreLimits limits) {
        test.host.addProtocolHandler(new IdentifyHandler(identify));
        test.host.addProtocolHandler(new IdentifyPushHandler(identify));
        try {
            store = new RecordStore(limits, scheduler::now, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dht = new HostDht(test.host, settings.withTimings(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMinutes(10)), store, scheduler, () -> identify);
        if (settings.mode() == DhtMode.SERVER) {
            test.host.addProtocolHandler(dht.handler());
        }
        dht.start();
    }

    /** A second DHT on the same host (the LAN one beside the public one), sharing this node's scheduler. */
    public KadNode addDht(KadSettings settings) throws IOException {
        HostDht second = new HostDht(test.host, settings.withTimings(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMinutes(10)), new RecordStore(StoreLimits.of(NodeRole.WORKER), scheduler::now, null),
                scheduler, () -> identify);
        if (settings.mode() == DhtMode.SERVER) {
            test.host.addProtocolHandler(second.handler());
        }
        second.start();
        extra.add(second);
        return second.node();
    }

    /** The (first) DHT. */
    public KadNode node() {
        return dht.node();
    }

    /** The node's peer id. */
    public PeerId id() {
        return test.node.peerId();
    }

    /** Connects to the other node. */
    public void connect(DhtPeer other) throws Exception {
        test.host.connect(other.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Whether the peer is in this node's routing table. */
    boolean hasInTable(PeerId peer) {
        for (TableBucket b : node().routingTable().buckets()) {
            for (TableEntry e : b.peers()) {
                if (e.peer().equals(peer)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits until the peer is in this node's (first) routing table. */
    public void awaitInTable(DhtPeer other) {
        Await.until(id() + " to take " + other.id() + " into its table", Duration.ofSeconds(15), () -> hasInTable(other.id()));
    }

    @Override
    public void close() throws Exception {
        for (HostDht d : extra) {
            d.close();
        }
        dht.close();
        scheduler.close();
        test.close();
    }
}
