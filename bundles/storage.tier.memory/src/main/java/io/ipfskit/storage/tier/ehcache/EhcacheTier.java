package io.ipfskit.storage.tier.ehcache;

import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multibase;
import io.ipfskit.multiformats.Multihash;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheEventListenerConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.event.CacheEvent;
import org.ehcache.event.CacheEventListener;
import org.ehcache.event.EventType;

/**
 * A non-durable {@link StorageTier} over one Ehcache cache of base32 multihash keys to block bytes. The tier keeps its
 * own byte account (data plus {@link #ENTRY_OVERHEAD} per block, as the tiered blockstore's policy charges) and
 * refuses a block that would not fit; the cache's pools are sized so Ehcache never has to evict on its own, which
 * leaves the blockstore's policy the only eviction authority. Synchronous cache events keep the key-to-size map (and
 * the counters) exact. Closing it closes its cache manager.
 */
public class EhcacheTier implements StorageTier, AutoCloseable {

    /** Bytes charged per block beside its data: cache entry, key and bookkeeping. */
    public static final int ENTRY_OVERHEAD = 256;

    private static final String CACHE = "blocks";

    private final String name;
    private final long capacity;
    private final CacheManager manager;
    private final Cache<String, byte[]> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ConcurrentHashMap<String, Integer> sizes = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();

    /**
     * A tier named {@code name} of {@code capacity} bytes over a new cache with the given pools in the manager the
     * builder makes.
     */
    public EhcacheTier(String name, long capacity, CacheManagerBuilder<? extends CacheManager> builder,
            ResourcePoolsBuilder pools) {
        this.name = name;
        this.capacity = capacity;
        CacheEventListener<String, byte[]> listener = this::onEvent;
        this.manager = withEhcacheLoader(() -> builder.build(true));
        this.cache = withEhcacheLoader(() -> manager.createCache(CACHE, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, byte[].class, pools)
                .withService(CacheEventListenerConfigurationBuilder
                        .newEventListenerConfiguration(listener, EventType.CREATED, EventType.UPDATED,
                                EventType.REMOVED, EventType.EVICTED, EventType.EXPIRED)
                        .synchronous().ordered())));
        cache.forEach(entry -> {
            sizes.put(entry.getKey(), entry.getValue().length);
            bytes.addAndGet(entry.getValue().length);
        });
    }

    /** The most blocks a tier of {@code capacity} bytes can hold under its account: the size for a cache's entry pool. */
    public static long maxEntries(long capacity) {
        return capacity / ENTRY_OVERHEAD + 1;
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
        return false;
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        byte[] data = cache.get(key(cid.multihash()));
        (data == null ? misses : hits).incrementAndGet();
        return Optional.ofNullable(data);
    }

    @Override
    public boolean has(Cid cid) {
        return sizes.containsKey(key(cid.multihash()));
    }

    @Override
    public synchronized boolean put(Cid cid, byte[] data) {
        String key = key(cid.multihash());
        if (sizes.containsKey(key)) {
            return true;
        }
        if (used() + data.length + ENTRY_OVERHEAD > capacity) {
            return false;
        }
        cache.putIfAbsent(key, data);
        return sizes.containsKey(key);
    }

    @Override
    public synchronized boolean remove(Cid cid) {
        // Unconditional: a disk store hands out copies, so removing "this value" would compare arrays by reference.
        String key = key(cid.multihash());
        boolean held = sizes.containsKey(key);
        cache.remove(key);
        return held;
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        sizes.keySet().forEach(key -> action.accept(Multihash.decode(Multibase.decode(key))));
    }

    @Override
    public TierStats stats() {
        return new TierStats(name, hits.get(), misses.get(), bytes.get(), sizes.size(), 0, 0, evictions.get());
    }

    @Override
    public void close() {
        withEhcacheLoader(() -> {
            manager.close();
            return null;
        });
    }

    /**
     * Runs an Ehcache life-cycle step (build, create, close) with Ehcache's own class loader as the thread's context
     * loader: Ehcache's service locator looks classes up there first, and a second copy of Ehcache visible to the
     * caller's loader (a test's class path, an embedding application) would mix its classes in and fail the step.
     */
    private static <T> T withEhcacheLoader(Supplier<T> step) {
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(CacheManager.class.getClassLoader());
        try {
            return step.get();
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    /** Bytes charged now: data and per-block overhead. */
    private long used() {
        return bytes.get() + (long) sizes.size() * ENTRY_OVERHEAD;
    }

    private static String key(Multihash multihash) {
        return Multibase.BASE32.encode(multihash.bytes());
    }

    /** Keeps the key-to-size map in step; Ehcache may report one creation twice (a put retried after an eviction). */
    private void onEvent(CacheEvent<? extends String, ? extends byte[]> event) {
        if (event.getNewValue() != null) {
            Integer before = sizes.put(event.getKey(), event.getNewValue().length);
            bytes.addAndGet(event.getNewValue().length - (before == null ? 0 : before));
        } else {
            Integer gone = sizes.remove(event.getKey());
            if (gone != null) {
                bytes.addAndGet(-gone);
                if (event.getType() == EventType.EVICTED) {
                    evictions.incrementAndGet();
                }
            }
        }
    }
}
