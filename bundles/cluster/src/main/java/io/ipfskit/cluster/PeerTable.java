package io.ipfskit.cluster;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.cluster.wire.Heartbeat;
import io.ipfskit.multiformats.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last heartbeat of each cluster member and when it came (at most {@link #MAX_PEERS}; when full, the longest
 * silent member makes room). A member is live while its last heartbeat is younger than the silence limit.
 */
final class PeerTable {

    /** Members remembered at most. */
    static final int MAX_PEERS = 1024;

    /** A member's last heartbeat and when it arrived (ms). */
    record Member(PeerId peer, Heartbeat heartbeat, long seenAt) {
    }

    private final Map<PeerId, Member> members = new HashMap<>();
    private final long silenceMillis;

    /** A table in which a member is gone after this many milliseconds without a heartbeat. */
    PeerTable(long silenceMillis) {
        this.silenceMillis = silenceMillis;
    }

    /** Records a heartbeat. */
    void heard(PeerId peer, Heartbeat heartbeat, long now) {
        if (!members.containsKey(peer) && members.size() >= MAX_PEERS) {
            members.values().stream().min(Comparator.comparingLong(Member::seenAt))
                    .ifPresent(oldest -> members.remove(oldest.peer()));
        }
        members.put(peer, new Member(peer, heartbeat, now));
    }

    /** The members heard within the silence limit. */
    List<Member> live(long now) {
        List<Member> live = new ArrayList<>();
        for (Member member : members.values()) {
            if (now - member.seenAt() <= silenceMillis) {
                live.add(member);
            }
        }
        live.sort(Comparator.comparing(m -> m.peer().toBase58()));
        return live;
    }

    /** Whether the peer is a live worker (the only members that take placements). */
    boolean liveWorker(PeerId peer, long now) {
        Member member = members.get(peer);
        return member != null && now - member.seenAt() <= silenceMillis
                && member.heartbeat().role() == NodeRole.WORKER;
    }

    /** The member's last heartbeat, live or not. */
    Optional<Member> member(PeerId peer) {
        return Optional.ofNullable(members.get(peer));
    }
}
