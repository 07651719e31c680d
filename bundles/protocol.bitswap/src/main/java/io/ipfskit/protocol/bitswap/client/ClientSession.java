package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One request's wants (boxo's session): the CIDs in the order asked, the peers that answered for them, and when it last
 * made progress; its state is guarded by the client.
 */
final class ClientSession implements ExchangeSession {

    /** The block size assumed before any block arrived (kubo's default chunk). */
    static final int INITIAL_ESTIMATE = 256 * 1024;

    private final Client client;
    final Map<Cid, Want> wants = new LinkedHashMap<>();
    /** Peers that sent a block or a HAVE, or that a provider search found: want-blocks go to them first. */
    final Set<PeerId> peers = new LinkedHashSet<>();
    /** Connected peers that said DONT_HAVE to one of its wants: not asked when the session looks for more providers. */
    final Set<PeerId> lacking = new HashSet<>();
    int live;
    int futures;
    int estimate = INITIAL_ESTIMATE;
    /** Request-to-block latency, nanoseconds, 0 until measured. */
    long latency;
    long lastProgress;
    long nextTick;
    int idleTicks;
    boolean searching;
    long lastSearch;
    boolean closed;

    ClientSession(Client client, long now) {
        this.client = client;
        this.lastProgress = now;
        this.nextTick = now;
    }

    @Override
    public CompletableFuture<byte[]> get(Cid cid) {
        return client.want(this, cid);
    }

    @Override
    public void close() {
        client.close(this);
    }

    /** Remembers a peer likely to have the session's blocks, up to the bound; true when it is new to the session. */
    boolean addPeer(PeerId peer, int bound) {
        lacking.remove(peer);
        return peers.size() < bound && peers.add(peer);
    }

    /** Counts a block of {@code size} bytes that came {@code elapsed} nanoseconds after it was asked for. */
    void progressed(int size, long elapsed, long now) {
        lastProgress = now;
        idleTicks = 0;
        estimate = Math.max(size, (int) ((7L * estimate + size) / 8));
        if (elapsed > 0) {
            latency = latency == 0 ? elapsed : (latency * 3 + elapsed) / 4;
        }
    }
}
