package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A map-backed tier for tests, refusing blocks beyond its capacity. */
class MapTier implements StorageTier {

    final ConcurrentHashMap<Multihash, byte[]> blocks = new ConcurrentHashMap<>();
    private final String name;
    private final long capacity;
    private final boolean durable;
    private long hits;
    private long misses;

    MapTier(String name, long capacity, boolean durable) {
        this.name = name;
        this.capacity = capacity;
        this.durable = durable;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public boolean durable() {
        return durable;
    }

    @Override
    public synchronized Optional<byte[]> get(Cid cid) {
        byte[] data = blocks.get(cid.multihash());
        if (data == null) {
            misses++;
        } else {
            hits++;
        }
        return Optional.ofNullable(data);
    }

    @Override
    public boolean has(Cid cid) {
        return blocks.containsKey(cid.multihash());
    }

    @Override
    public synchronized boolean put(Cid cid, byte[] data) {
        if (bytes() + data.length > capacity) {
            return false;
        }
        blocks.putIfAbsent(cid.multihash(), data);
        return true;
    }

    @Override
    public boolean remove(Cid cid) {
        return blocks.remove(cid.multihash()) != null;
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        blocks.keySet().forEach(action);
    }

    @Override
    public synchronized TierStats stats() {
        return new TierStats(name, hits, misses, bytes(), blocks.size(), 0, 0, 0);
    }

    private long bytes() {
        return blocks.values().stream().mapToLong(b -> b.length).sum();
    }
}
