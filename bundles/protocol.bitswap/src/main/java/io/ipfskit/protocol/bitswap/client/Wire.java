package io.ipfskit.protocol.bitswap.client;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.net.Network;
import io.ipfskit.protocol.bitswap.net.PeerLink;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each peer holds from us: per CID the type wanted, the sessions behind it and whether a block is expected (and
 * counted in the peer's outstanding bytes). Asking and releasing are staged on the peer's link and go out together on
 * {@link #flush}, one message per peer for what one client operation decided. Guarded by the client.
 */
final class Wire {

    private final Network network;
    private final ClientSettings settings;
    private final Map<PeerId, PeerState> peers = new HashMap<>();
    private final Set<PeerLink> staged = new LinkedHashSet<>();

    Wire(Network network, ClientSettings settings) {
        this.network = network;
        this.settings = settings;
    }

    /** The peer's state, created on first use. */
    PeerState state(PeerId p) {
        return peers.computeIfAbsent(p, PeerState::new);
    }

    /** The peer's state, or null when nothing was asked of it. */
    PeerState get(PeerId p) {
        return peers.get(p);
    }

    /**
     * Stops counting on the peer and returns what it held (or null): forgotten entirely when it is gone, its wants
     * turned into recent CIDs when it is still connected.
     */
    PeerState abandon(PeerId p, boolean connected) {
        PeerState held = peers.remove(p);
        if (held != null && connected) {
            PeerState kept = state(p);
            held.wire.forEach((cid, ww) -> kept.released(cid, ww.sessions.stream().findFirst().orElse(null)));
            held.recentInto(kept);
        }
        return held;
    }

    /** Every peer's state (a copy). */
    Collection<PeerState> all() {
        return List.copyOf(peers.values());
    }

    /** Whether the peer may answer want-haves (its version is 1.2.0, or not known yet). */
    boolean supportsHave(PeerId p) {
        PeerLink link = network.existingLink(p);
        Dialect dialect = link == null ? null : link.dialect();
        return dialect == null || dialect.presences();
    }

    /** Asks the peer for the block on the session's behalf (upgrading a want-have), counting it as outstanding. */
    void askBlock(ClientSession s, Want w, PeerId p, long now) {
        PeerState ps = state(p);
        WireWant ww = ps.wire.computeIfAbsent(w.cid, c -> new WireWant());
        ww.sessions.add(s);
        w.blockPeer = p;
        w.asked.add(p);
        if (ww.type == WantType.BLOCK && ww.expectBlock) {
            return;
        }
        ww.type = WantType.BLOCK;
        ww.expectBlock = true;
        ww.estimate = s.estimate;
        ww.sentAt = now;
        ps.outstandingBytes += ww.estimate;
        ps.outstandingBlocks++;
        stage(p).want(WantEntry.want(w.cid, w.priority, WantType.BLOCK, true));
    }

    /** Asks the peer whether it has the block, unless it holds a want for it already or its want-list is full. */
    void askHave(ClientSession s, Want w, PeerId p, long now) {
        PeerState ps = state(p);
        WireWant ww = ps.wire.get(w.cid);
        if (ww == null) {
            if (ps.wire.size() >= settings.wantsPerPeer()) {
                return;
            }
            ww = new WireWant();
            ww.sentAt = now;
            ps.wire.put(w.cid, ww);
            stage(p).want(WantEntry.want(w.cid, w.priority, WantType.HAVE, true));
        }
        ww.sessions.add(s);
        w.asked.add(p);
    }

    /** The session no longer wants the CID from the peer; once no session does, the peer gets a CANCEL. */
    void release(PeerId p, Cid cid, ClientSession s) {
        PeerState ps = peers.get(p);
        WireWant ww = ps == null ? null : ps.wire.get(cid);
        if (ww == null) {
            return;
        }
        ww.sessions.remove(s);
        if (!ww.sessions.isEmpty()) {
            return;
        }
        ps.wire.remove(cid);
        ps.released(cid, s);
        unexpect(ps, ww);
        PeerLink link = network.existingLink(p);
        if (link != null) {
            link.cancel(cid);
            staged.add(link);
        }
    }

    /**
     * The peer said HAVE: the sessions learn it (the caller adds the peer to them). The want-have stays at the peer
     * until released (boxo drops it once answered, Helia keeps answering it; a CANCEL suits both).
     */
    void have(PeerState ps, Cid cid, WireWant ww) {
        for (ClientSession s : ww.sessions) {
            Want w = s.wants.get(cid);
            if (w != null) {
                w.haves.add(ps.peer);
                w.dontHaves.remove(ps.peer);
            }
        }
    }

    /** The peer said DONT_HAVE (or stayed silent too long): no block is expected, the sessions look elsewhere. */
    void dontHave(PeerState ps, Cid cid, WireWant ww) {
        unexpect(ps, ww);
        for (ClientSession s : ww.sessions) {
            Want w = s.wants.get(cid);
            if (w != null) {
                s.lacking.add(ps.peer);
                w.dontHaves.add(ps.peer);
                w.haves.remove(ps.peer);
                if (ps.peer.equals(w.blockPeer)) {
                    w.blockPeer = null;
                }
            }
        }
    }

    /** Sends what was staged since the last flush, one message per peer. */
    void flush() {
        List<PeerLink> links = List.copyOf(staged);
        staged.clear();
        links.forEach(PeerLink::flush);
    }

    private PeerLink stage(PeerId p) {
        PeerLink link = network.link(p);
        staged.add(link);
        return link;
    }

    private static void unexpect(PeerState ps, WireWant ww) {
        if (ww.expectBlock) {
            ww.expectBlock = false;
            ps.outstandingBytes -= ww.estimate;
            ps.outstandingBlocks--;
        }
    }
}
