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
import java.util.concurrent.TimeUnit;

/**
 * A test node: a loopback {@link TestHost} with identify and one public DHT accepting loopback peers (as the test
 * profile will), short request and lookup timeouts, an in-memory record store.
 */
final class DhtPeer implements AutoCloseable {

    final TestHost test = new TestHost();
    final IdentifyService identify = new IdentifyService(test.host, test.node);
    final ExecutorScheduler scheduler = new ExecutorScheduler("test-dht", 2);
    final RecordStore store;
    final HostDht dht;

    DhtPeer(DhtMode mode) {
        this(mode, StoreLimits.of(NodeRole.WORKER));
    }

    DhtPeer(DhtMode mode, StoreLimits limits) {
        test.host.addProtocolHandler(new IdentifyHandler(identify));
        test.host.addProtocolHandler(new IdentifyPushHandler(identify));
        try {
            store = new RecordStore(limits, scheduler::now, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KadSettings settings = KadSettings.wan(mode, true).withTimings(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMinutes(10));
        dht = new HostDht(test.host, settings, store, scheduler, () -> identify);
        dht.handler().ifPresent(test.host::addProtocolHandler);
        dht.start();
    }

    KadNode node() {
        return dht.node();
    }

    PeerId id() {
        return test.node.peerId();
    }

    /** Connects to the other node. */
    void connect(DhtPeer other) throws Exception {
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

    /** Waits until the peer is in this node's routing table. */
    void awaitInTable(DhtPeer other) {
        Await.until(id() + " to take " + other.id() + " into its table", Duration.ofSeconds(15), () -> hasInTable(other.id()));
    }

    @Override
    public void close() throws Exception {
        dht.close();
        scheduler.close();
        test.close();
    }
}
