package io.ipfskit.protocol.pubsub.router;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GossipSub's message cache: the messages of the last {@code history} heartbeats by id, the ids of the last
 * {@code gossip} heartbeats per topic for IHAVE, and how often each peer asked for each message by IWANT (served at most
 * {@code retransmission} times). Not thread-safe: the router's.
 */
final class MessageCache {

    private record Entry(Rpc.Message message, Map<PeerId, Integer> asked) {
    }

    private record Window(String id, List<String> topics, boolean gossiped) {
    }

    private final int gossip;
    private final int history;
    private final int retransmission;
    private final Map<String, Entry> messages = new HashMap<>();
    private final Deque<List<Window>> windows = new ArrayDeque<>();

    MessageCache(int gossip, int history, int retransmission) {
        this.gossip = gossip;
        this.history = history;
        this.retransmission = retransmission;
        windows.addFirst(new ArrayList<>());
    }

    /** Caches a message under its id (and its aliases, served by IWANT but never gossiped), in the current window. */
    void put(String id, List<String> aliases, Rpc.Message message) {
        Entry entry = new Entry(message, new HashMap<>());
        if (messages.putIfAbsent(id, entry) == null) {
            windows.peekFirst().add(new Window(id, message.topics(), true));
            for (String alias : aliases) {
                if (messages.putIfAbsent(alias, entry) == null) {
                    windows.peekFirst().add(new Window(alias, message.topics(), false));
                }
            }
        }
    }

    /** The message, if still cached. */
    Optional<Rpc.Message> get(String id) {
        Entry e = messages.get(id);
        return e == null ? Optional.empty() : Optional.of(e.message);
    }

    /** The message for the peer's IWANT, unless the peer already asked for it {@code retransmission} times. */
    Optional<Rpc.Message> getForPeer(String id, PeerId peer) {
        Entry e = messages.get(id);
        if (e == null || e.asked.merge(peer, 1, Integer::sum) > retransmission) {
            return Optional.empty();
        }
        return Optional.of(e.message);
    }

    /** The ids of the topic's messages of the last {@code gossip} windows, newest first. */
    List<String> gossipIds(String topic) {
        List<String> ids = new ArrayList<>();
        int n = 0;
        for (List<Window> window : windows) {
            if (n++ == gossip) {
                break;
            }
            for (Window w : window) {
                if (w.gossiped && w.topics.contains(topic)) {
                    ids.add(w.id);
                }
            }
        }
        return ids;
    }

    /** Opens a new window; the oldest beyond {@code history} leaves, with its messages. */
    void shift() {
        windows.addFirst(new ArrayList<>());
        while (windows.size() > history) {
            windows.removeLast().forEach(w -> messages.remove(w.id));
        }
    }
}
