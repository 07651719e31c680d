package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The tiers in use, fastest (highest ranking) first. A write goes to the fastest durable tier, which syncs it, and is
 * then cached in the fastest cache tier with room when writes are cached; with no durable tier nothing is written. A read is served by the
 * fastest tier holding the block and heats it; a hot block read from a slower tier is copied up. Each cache tier's
 * {@link ArcPolicy} decides what leaves it, and a still-warm victim moves down into the next cache tier (a cold one just
 * leaves: the durable tier has it, and a file streamed once should not be written to a disk cache); a cache tier's policy
 * and heat are saved in {@code stateDirectory} when it leaves and taken back when it joins again.
 */
final class Tiers {

    private static final System.Logger LOG = System.getLogger(Tiers.class.getName());

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final HeatTable heat;
    private final double promotionThreshold;
    private final double demotionThreshold;
    private final LongSupplier clock;
    private final Path stateDirectory;
    private final int entryOverhead;
    private final boolean cacheWrites;

    /**
     * Tiers sharing one heat table; {@code stateDirectory} null keeps no state across restarts; {@code cacheWrites}
     * caches every written block (else only blocks read hot enter a cache tier).
     */
    Tiers(HeatTable heat, double promotionThreshold, double demotionThreshold, LongSupplier clock, Path stateDirectory,
            int entryOverhead, boolean cacheWrites) {
        this.heat = heat;
        this.promotionThreshold = promotionThreshold;
        this.demotionThreshold = demotionThreshold;
        this.clock = clock;
        this.stateDirectory = stateDirectory;
        this.entryOverhead = entryOverhead;
        this.cacheWrites = cacheWrites;
    }

    /** A tier joins at its ranking; a cache tier takes back its saved state, checked against what it holds. */
    void add(StorageTier tier, int ranking) {
        Slot slot = new Slot(tier, ranking, entryOverhead);
        if (!slot.durable) {
            restore(slot);
        }
        synchronized (slots) {
            int index = 0;
            while (index < slots.size() && slots.get(index).ranking >= slot.ranking) {
                index++;
            }
            slots.add(index, slot);
        }
        LOG.log(System.Logger.Level.INFO, "storage tier {0} joined at ranking {1}", tier.name(), slot.ranking);
    }

    /** A tier leaves: it is no longer read or written; a cache tier's state is saved for when it comes back. */
    void remove(StorageTier tier) {
        Slot gone = null;
        synchronized (slots) {
            for (Slot slot : slots) {
                if (slot.tier == tier) {
                    gone = slot;
                }
            }
            slots.remove(gone);
        }
        if (gone != null && !gone.durable) {
            save(gone);
        }
    }

    /** Saves the state of every cache tier (the node is stopping). */
    void saveAll() {
        slots.stream().filter(slot -> !slot.durable).forEach(this::save);
    }

    /** The {@code max} hottest blocks now, hottest first, with their heat. */
    Map<Multihash, Double> hottest(int max) {
        return heat.hottest(max, clock.getAsLong());
    }

    /** The block from the fastest tier holding it, heating it and promoting it when hot. */
    Optional<byte[]> get(Cid cid) {
        long now = clock.getAsLong();
        List<Slot> order = slots;
        for (int i = 0; i < order.size(); i++) {
            Slot slot = order.get(i);
            Optional<byte[]> data = read(slot, cid);
            if (data.isPresent()) {
                if (slot.policy != null) {
                    synchronized (slot.policy) {
                        slot.policy.hit(cid.multihash());
                    }
                }
                Heat entry = heat.touch(cid.multihash(), now);
                entry.access(now);
                if (i > 0 && entry.at(now) >= promotionThreshold) {
                    promote(order, i, cid, data.get());
                }
                return data;
            }
        }
        return Optional.empty();
    }

    /** The block from the fastest tier holding it, without heating it (walks, verification). */
    Optional<byte[]> peek(Cid cid) {
        for (Slot slot : slots) {
            Optional<byte[]> data = read(slot, cid);
            if (data.isPresent()) {
                return data;
            }
        }
        return Optional.empty();
    }

    /** Whether some tier holds the block. */
    boolean has(Cid cid) throws IOException {
        for (Slot slot : slots) {
            if (slot.tier.has(cid)) {
                return true;
            }
        }
        return false;
    }

    /** The block's size, if some tier holds it. */
    OptionalInt size(Cid cid) {
        return peek(cid).map(data -> OptionalInt.of(data.length)).orElse(OptionalInt.empty());
    }

    /** Whether a durable tier holds the block. */
    boolean durablyHeld(Cid cid) throws IOException {
        for (Slot slot : slots) {
            if (slot.durable && slot.tier.has(cid)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a verified block to the fastest durable tier (which syncs it), then caches it when writes are cached; fails
     * when none runs.
     */
    void write(Cid cid, byte[] data) throws IOException {
        List<Slot> order = slots;
        Slot durable = durable(order);
        if (!durable.tier.put(cid, data)) {
            throw new IOException("the durable store " + durable.tier.name() + " is full: " + cid + " was not stored");
        }
        boolean cached = !cacheWrites;
        for (int i = 0; i < order.size() && !cached; i++) {
            cached = !order.get(i).durable && cache(order, i, cid, data);
        }
        heat.touch(cid.multihash(), clock.getAsLong());
    }

    /** Copies a block some cache holds into the fastest durable tier, if no durable tier holds it yet. */
    void makeDurable(Cid cid, byte[] data) throws IOException {
        if (!durablyHeld(cid)) {
            Slot durable = durable(slots);
            if (!durable.tier.put(cid, data)) {
                throw new IOException("the durable store " + durable.tier.name() + " is full: " + cid + " was not stored");
            }
        }
    }

    /** Removes the block from every tier; returns whether any held it. */
    boolean removeEverywhere(Multihash multihash) throws IOException {
        Cid key = Cid.v1(Multicodec.RAW, multihash);
        boolean removed = false;
        for (Slot slot : slots) {
            if (slot.policy != null) {
                synchronized (slot.policy) {
                    slot.policy.removed(multihash);
                }
            }
            removed |= slot.tier.remove(key);
        }
        heat.forget(multihash);
        return removed;
    }

    /** Reports the multihash of every block of every tier once. */
    void forEach(Consumer<Multihash> action) throws IOException {
        Set<Multihash> seen = new HashSet<>();
        for (Slot slot : slots) {
            slot.tier.forEach(key -> {
                if (seen.add(key)) {
                    action.accept(key);
                }
            });
        }
    }

    /** The durable tiers in use, fastest first. */
    List<StorageTier> durableTiers() {
        return slots.stream().filter(slot -> slot.durable).map(slot -> slot.tier).toList();
    }

    /** Blocks and bytes of the durable tiers (of every tier when none is durable). */
    RepoStat stat() {
        List<Slot> counted = slots.stream().filter(slot -> slot.durable).toList();
        if (counted.isEmpty()) {
            counted = slots;
        }
        long objects = 0;
        long bytes = 0;
        long max = 0;
        for (Slot slot : counted) {
            TierStats stats = slot.tier.stats();
            objects += stats.items();
            bytes += stats.bytes();
            max = saturatedAdd(max, slot.tier.capacity());
        }
        return new RepoStat(objects, bytes, max);
    }

    /** The counters of every tier, fastest first. */
    List<TierStats> stats() {
        return slots.stream().map(Slot::stats).toList();
    }

    private static Slot durable(List<Slot> order) throws IOException {
        return order.stream().filter(slot -> slot.durable).findFirst().orElseThrow(() -> new IOException(
                "no durable storage tier is running (start io.ipfskit.storage.flatfs): nothing was stored"));
    }

    /** Copies a hot block read from {@code from} into the fastest cache tier above it that takes it. */
    private void promote(List<Slot> order, int from, Cid cid, byte[] data) {
        for (int i = 0; i < from; i++) {
            Slot slot = order.get(i);
            if (!slot.durable && !has(slot, cid) && cache(order, i, cid, data)) {
                slot.promotions.incrementAndGet();
                return;
            }
        }
    }

    /** Caches a block in a cache tier; a failing tier (I/O error, or closed while leaving) is skipped. */
    private boolean cache(List<Slot> order, int index, Cid cid, byte[] data) {
        try {
            return store(order, index, cid, data);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "storage tier {0} failed to cache {1}: {2}",
                    order.get(index).tier.name(), cid, e.getMessage());
            return false;
        }
    }

    /** Stores a block in a cache tier, evicting by its policy until the block fits; false if it cannot. */
    private boolean store(List<Slot> order, int index, Cid cid, byte[] data) throws IOException {
        Slot slot = order.get(index);
        synchronized (slot.policy) {
            long cost = slot.policy.cost(data.length);
            if (cost > slot.policy.capacity()) {
                return false;
            }
            while (slot.policy.bytes() + cost > slot.policy.capacity()) {
                Optional<Multihash> victim = slot.policy.evict(key -> heat.heat(key, clock.getAsLong()));
                if (victim.isEmpty()) {
                    break;
                }
                demote(order, index, victim.get());
            }
            if (!slot.tier.put(cid, data)) {
                return false;
            }
            slot.policy.inserted(cid.multihash(), data.length);
            return true;
        }
    }

    /**
     * Moves a victim out of a cache tier: into the next cache tier below that does not hold it yet when it is still
     * warm (heat at least the demotion threshold), else simply out (the durable tier has it).
     */
    private void demote(List<Slot> order, int index, Multihash victim) throws IOException {
        Slot slot = order.get(index);
        Cid key = Cid.v1(Multicodec.RAW, victim);
        boolean warm = heat.heat(victim, clock.getAsLong()) >= demotionThreshold;
        Optional<byte[]> data = warm ? slot.tier.get(key) : Optional.empty();
        for (int i = index + 1; i < order.size() && data.isPresent(); i++) {
            Slot lower = order.get(i);
            if (lower.durable) {
                continue;
            }
            if (has(lower, key)) {
                break;
            }
            if (store(order, i, key, data.get())) {
                lower.demotions.incrementAndGet();
                break;
            }
        }
        slot.tier.remove(key);
        slot.evictions.incrementAndGet();
    }

    private void restore(Slot slot) {
        Set<Multihash> held = new HashSet<>();
        try {
            slot.tier.forEach(held::add);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "storage tier {0} could not list its blocks: {1}", slot.tier.name(),
                    e.getMessage());
            return;
        }
        Optional<TierStateFile.Saved> saved = stateDirectory == null ? Optional.empty()
                : TierStateFile.load(stateFile(slot));
        synchronized (slot.policy) {
            saved.ifPresent(state -> {
                slot.policy.restore(state.policy(), held::contains);
                state.heat().forEach((key, value) -> {
                    if (held.contains(key)) {
                        heat.restore(key, value);
                    }
                });
            });
            for (Multihash key : held) {
                if (!slot.policy.contains(key)) {
                    read(slot, Cid.v1(Multicodec.RAW, key))
                            .ifPresent(data -> slot.policy.inserted(key, data.length));
                }
            }
        }
        if (stateDirectory != null) {
            try {
                Files.deleteIfExists(stateFile(slot));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove {0}: {1}", stateFile(slot), e.getMessage());
            }
        }
    }

    private void save(Slot slot) {
        if (stateDirectory == null) {
            return;
        }
        try {
            ArcPolicy.State state;
            synchronized (slot.policy) {
                state = slot.policy.state();
            }
            TierStateFile.save(stateFile(slot), state, heat);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot save the state of storage tier {0}: {1}", slot.tier.name(),
                    e.getMessage());
        }
    }

    private Path stateFile(Slot slot) {
        return stateDirectory.resolve(slot.tier.name() + ".state");
    }

    private static boolean has(Slot slot, Cid cid) {
        try {
            return slot.tier.has(cid);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads from one tier; a failing tier (I/O error, or closed while leaving) counts as a miss. */
    private static Optional<byte[]> read(Slot slot, Cid cid) {
        try {
            return slot.tier.get(cid);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "storage tier {0} failed to read {1}: {2}", slot.tier.name(), cid,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
