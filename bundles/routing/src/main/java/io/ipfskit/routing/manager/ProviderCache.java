package io.ipfskit.routing.manager;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.routing.concurrent.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Providers found per content (keyed by multihash, so CIDv0 and v1 share an entry), each forgotten {@code ttl} after it
 * was last found. Bounded: at most {@code perKey} providers per content (the least recently found dropped first) and
 * {@code maxEntries} providers overall (the content least recently looked up or found dropped first). Thread-safe.
 */
final class ProviderCache {

    private record Entry(PeerInfo provider, long expiresNanos) {
    }

    private final Time time;
    private final int maxEntries;
    private final int perKey;
    private final long ttlNanos;
    /** Access order: a lookup or an addition makes a key the most recent. */
    private final LinkedHashMap<Multihash, LinkedHashMap<PeerId, Entry>> byKey = new LinkedHashMap<>(64, 0.75f, true);
    private int entries;

    ProviderCache(Time time, int maxEntries, int perKey, Duration ttl) {
        if (perKey < 1 || maxEntries < perKey || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("cache bounds and ttl must be positive, with maxEntries >= perKey");
        }
        this.time = time;
        this.maxEntries = maxEntries;
        this.perKey = perKey;
        this.ttlNanos = ttl.toNanos();
    }

    /** Remembers (or refreshes) a provider of the content. */
    synchronized void add(Multihash key, PeerInfo provider) {
        LinkedHashMap<PeerId, Entry> providers = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>());
        if (providers.remove(provider.peerId()) != null) {
            entries--;
        }
        providers.put(provider.peerId(), new Entry(provider, time.nanoTime() + ttlNanos));
        entries++;
        if (providers.size() > perKey) {
            providers.remove(providers.keySet().iterator().next());
            entries--;
        }
        Iterator<Map.Entry<Multihash, LinkedHashMap<PeerId, Entry>>> eldest = byKey.entrySet().iterator();
        while (entries > maxEntries && eldest.hasNext()) {
            Map.Entry<Multihash, LinkedHashMap<PeerId, Entry>> victim = eldest.next();
            if (victim.getKey().equals(key)) {
                continue;
            }
            entries -= victim.getValue().size();
            eldest.remove();
        }
    }

    /** The unexpired providers of the content, most recently found last; expired ones are dropped. */
    synchronized List<PeerInfo> get(Multihash key) {
        LinkedHashMap<PeerId, Entry> providers = byKey.get(key);
        if (providers == null) {
            return List.of();
        }
        long now = time.nanoTime();
        List<PeerInfo> out = new ArrayList<>(providers.size());
        for (Iterator<Entry> it = providers.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (now - entry.expiresNanos() >= 0) {
                it.remove();
                entries--;
            } else {
                out.add(entry.provider());
            }
        }
        if (providers.isEmpty()) {
            byKey.remove(key);
        }
        return out;
    }

    /** Providers held, all keys together. */
    synchronized int size() {
        return entries;
    }

    /** Contents with at least one provider held. */
    synchronized int keys() {
        return byKey.size();
    }
}
