package io.ipfskit.protocol.bitswap.testing;

import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.Bitswap;
import io.ipfskit.protocol.bitswap.BitswapSettings;
import io.ipfskit.protocol.bitswap.client.ClientSettings;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Importer;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A node for tests: a loopback {@link TestHost}, a blockstore (a {@link MemoryRepo} unless given) and Bitswap on both. */
public final class BitswapNode implements AutoCloseable {

    /** Client timings short enough for tests (provider search after 200 ms, DONT_HAVE after 2 s of silence). */
    public static final ClientSettings FAST = ClientSettings.DEFAULTS.withTimings(Duration.ofMillis(200), Duration.ofSeconds(2));

    public final TestHost test = new TestHost();
    public final MemoryRepo repo = new MemoryRepo();
    public final Blockstore store;
    public final Bitswap bitswap;

    /** A worker-role node with the fast client timings. */
    public BitswapNode() {
        this(BitswapSettings.of(io.ipfskit.api.node.NodeRole.WORKER).withClient(FAST), null);
    }

    /** A node with these settings over {@code store} (null: its own MemoryRepo). */
    public BitswapNode(BitswapSettings settings, Blockstore store) {
        this.store = store == null ? repo : store;
        this.bitswap = new Bitswap(test.host, this.store, settings);
        bitswap.handlers().forEach(test.host::addProtocolHandler);
    }

    public PeerId id() {
        return test.node.peerId();
    }

    /** Connects to the other node and waits for the connection. */
    public void connect(BitswapNode other) throws Exception {
        test.host.connect(other.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Whether a connection to the peer is open. */
    public boolean connectedTo(PeerId peer) {
        return test.host.connections().stream().anyMatch(c -> c.remotePeer().equals(peer));
    }

    /** Imports the bytes as kubo's add does by default (CIDv0, dag-pb leaves, 256 KiB chunks) into this node's repo. */
    public Cid add(byte[] data) throws IOException {
        return new Importer(ImportOptions.KUBO_DEFAULTS, repo::put).file(new ByteArrayInputStream(data)).cid();
    }

    /** Random bytes, the same for the same seed. */
    public static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Fetches the whole DAG under {@code root} through one session, {@code window} blocks ahead, then reads the file. */
    public byte[] fetch(Cid root, int window, Duration timeout) throws Exception {
        try (ExchangeSession session = bitswap.newSession()) {
            fetchDag(session, root, window, timeout);
        }
        return read(root);
    }

    /** The file under {@code root} as this node's store holds it. */
    public byte[] read(Cid root) throws IOException {
        try (InputStream in = new Exporter(store::get).cat(root, 0, -1)) {
            return in.readAllBytes();
        }
    }

    /** Wants every block of the DAG in depth-first order, keeping {@code window} wants ahead of the reader. */
    public static void fetchDag(ExchangeSession session, Cid root, int window, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<Cid> next = new ArrayDeque<>();
        next.add(root);
        Map<Cid, CompletableFuture<byte[]>> wanted = new LinkedHashMap<>();
        while (!next.isEmpty() || !wanted.isEmpty()) {
            while (wanted.size() < window && !next.isEmpty()) {
                Cid cid = next.poll();
                wanted.put(cid, session.get(cid));
            }
            Iterator<Map.Entry<Cid, CompletableFuture<byte[]>>> oldest = wanted.entrySet().iterator();
            Map.Entry<Cid, CompletableFuture<byte[]>> entry = oldest.next();
            oldest.remove();
            byte[] block = entry.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (entry.getKey().codec() == Multicodec.DAG_PB) {
                java.util.List<PbLink> links = DagPb.decode(block).links();
                for (int i = links.size() - 1; i >= 0; i--) {
                    next.addFirst(links.get(i).hash());
                }
            }
        }
    }

    @Override
    public void close() {
        bitswap.close();
        test.close();
    }
}
