package io.ipfskit.protocol.pubsub.router;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message ids seen in the last {@code ttl} nanoseconds, at most {@code max} of them (the oldest leave first when
 * more arrive). Not thread-safe: the router's.
 */
final class SeenCache {

    private final long ttl;
    private final int max;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    SeenCache(long ttlNanos, int max) {
        this.ttl = ttlNanos;
        this.max = max;
    }

    /** Records the id; false when it was already seen. */
    boolean add(String id, long now) {
        if (seen.containsKey(id)) {
            return false;
        }
        seen.put(id, now);
        if (seen.size() > max) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Whether the id was seen. */
    boolean contains(String id) {
        return seen.containsKey(id);
    }

    /** Forgets ids older than the TTL. */
    void expire(long now) {
        Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator();
        while (it.hasNext() && now - it.next().getValue() > ttl) {
            it.remove();
        }
    }
}
