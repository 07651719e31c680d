package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client's view of one peer: the wants it holds from us, the CIDs it recently stopped holding with the session that
 * last wanted each (a block or a HAVE for one of them may still be on its way), the block bytes we expect from it, and
 * its measured throughput; guarded by the client.
 */
final class PeerState {

    /** Recently released CIDs remembered per peer. */
    private static final int RECENT = 2048;
    /** The most want-blocks outstanding at one peer, whatever their sizes. */
    static final int MAX_BLOCK_WANTS = 512;

    final PeerId peer;
    final Map<Cid, WireWant> wire = new HashMap<>();
    private final LinkedHashMap<Cid, ClientSession> recent = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Cid, ClientSession> eldest) {
            return size() > RECENT;
        }
    };
    long outstandingBytes;
    int outstandingBlocks;
    /** Bytes per second, 0 until measured. */
    double throughput;
    /** When the last block from it arrived (nanoTime), 0 if none. */
    long lastArrival;

    PeerState(PeerId peer) {
        this.peer = peer;
    }

    /** Remembers that the peer no longer holds a want for the CID, which {@code session} (may be null) wanted last. */
    void released(Cid cid, ClientSession session) {
        recent.put(cid, session);
    }

    /** Copies the CIDs recently released here into another state of the same peer. */
    void recentInto(PeerState other) {
        recent.forEach(other::released);
    }

    /** The session that last wanted a CID the peer recently stopped holding, or null. */
    ClientSession recentSession(Cid cid) {
        return recent.get(cid);
    }

    /** Whether we asked the peer for the CID (now or recently): a block for it is no abuse. */
    boolean asked(Cid cid) {
        return wire.containsKey(cid) || recent.containsKey(cid);
    }

    /** The CID with this multihash that we asked the peer for (now or recently), or null. */
    Cid askedByMultihash(Multihash multihash) {
        for (Cid cid : wire.keySet()) {
            if (cid.multihash().equals(multihash)) {
                return cid;
            }
        }
        for (Cid cid : recent.keySet()) {
            if (cid.multihash().equals(multihash)) {
                return cid;
            }
        }
        return null;
    }

    /** The hash functions of what we asked the peer for (to recognise a 1.0.0 block, which comes without its CID). */
    Set<Integer> hashFunctions() {
        Set<Integer> out = new HashSet<>();
        wire.keySet().forEach(c -> out.add(c.multihash().code()));
        recent.keySet().forEach(c -> out.add(c.multihash().code()));
        return out;
    }

    /** Whether one more want-block of about {@code estimate} bytes may go to the peer. */
    boolean hasCapacity(int estimate, ClientSettings settings) {
        if (wire.size() >= settings.wantsPerPeer() || outstandingBlocks >= MAX_BLOCK_WANTS) {
            return false;
        }
        return outstandingBlocks < 2 || outstandingBytes + estimate <= settings.maxOutstandingBytesPerPeer();
    }

    /** Seconds until the peer would have sent what is outstanding plus {@code estimate} more bytes. */
    double expectedFinish(int estimate, double fallbackThroughput) {
        double rate = throughput > 0 ? throughput : fallbackThroughput;
        return (outstandingBytes + estimate) / rate;
    }

    /** Counts a block that arrived {@code now}, {@code sentAt} after it was asked for. */
    void arrived(int bytes, long sentAt, long now) {
        long interval = now - Math.max(sentAt, lastArrival);
        if (interval > 0) {
            double rate = bytes * 1e9 / interval;
            throughput = throughput == 0 ? rate : 0.7 * throughput + 0.3 * rate;
        }
        lastArrival = now;
    }
}
