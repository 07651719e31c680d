package io.ipfskit.storage.tiered;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierMonitor;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.DagPb;
import io.ipfskit.unixfs.PbLink;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link Blockstore} over every registered {@link StorageTier}, fastest (highest {@code service.ranking}) first.
 * A put is verified, written to the fastest durable tier and cached in the fastest non-durable tier with room
 * (making room by the {@link ArcPolicy}: victims move to a lower tier unless one already holds them). A read is served
 * by the fastest tier holding the block; when the block's {@link Heat} reaches the promotion threshold it is copied
 * into the fastest non-durable tier above. Pins are kept in {@code <repo>/pins}; GC removes every unpinned block.
 */
@Component(service = {Blockstore.class, Pinning.class, TierMonitor.class}, configurationPid = "io.ipfskit.storage.tiered")
@Designate(ocd = TieredConfig.class)
public final class TieredBlockstore implements Blockstore, Pinning, TierMonitor {

    /** Most blocks whose heat is remembered; the least recently used entries are forgotten first. */
    static final int MAX_TRACKED = 1 << 20;

    private static final System.Logger LOG = System.getLogger(TieredBlockstore.class.getName());

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final Map<Multihash, Heat> heat = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Multihash, Heat> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();
    private final PinStore pins;
    private final double promotionThreshold;
    private final LongSupplier clock;

    /** The component: pins in the node's repository, the configured threshold, wall-clock time. */
    @Activate
    public TieredBlockstore(@Reference Node node, TieredConfig config) throws IOException {
        this(new PinStore(node.repo().resolve("pins")), config.promotionThreshold(), System::currentTimeMillis);
    }

    TieredBlockstore(PinStore pins, double promotionThreshold, LongSupplier clock) {
        this.pins = pins;
        this.promotionThreshold = promotionThreshold;
        this.clock = clock;
    }

    /** A tier service arrived: it joins at its ranking. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTier(StorageTier tier, Map<String, Object> properties) {
        Object ranking = properties.get("service.ranking");
        Slot slot = new Slot(tier, ranking instanceof Integer value ? value : 0);
        synchronized (slots) {
            int index = 0;
            while (index < slots.size() && slots.get(index).ranking >= slot.ranking) {
                index++;
            }
            slots.add(index, slot);
        }
        LOG.log(System.Logger.Level.INFO, "storage tier {0} joined at ranking {1}", tier.name(), slot.ranking);
    }

    /** A tier service left: it is no longer read or written (durable content stays where it is). */
    void removeTier(StorageTier tier) {
        synchronized (slots) {
            slots.removeIf(slot -> slot.tier == tier);
        }
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
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
                Heat entry = heat(cid.multihash(), now);
                entry.access(now);
                if (i > 0 && entry.at(now) >= promotionThreshold) {
                    promote(order, i, cid, data.get());
                }
                return data;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean has(Cid cid) throws IOException {
        for (Slot slot : slots) {
            if (slot.tier.has(cid)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public OptionalInt size(Cid cid) throws IOException {
        for (Slot slot : slots) {
            Optional<byte[]> data = read(slot, cid);
            if (data.isPresent()) {
                return OptionalInt.of(data.get().length);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public void put(Cid cid, byte[] data) throws IOException {
        if (data.length > DagPb.MAX_BLOCK_SIZE) {
            throw new InvalidBlockException("block of " + data.length + " bytes exceeds " + DagPb.MAX_BLOCK_SIZE);
        }
        boolean matches;
        try {
            matches = cid.verify(data);
        } catch (UnsupportedOperationException e) {
            throw new InvalidBlockException("cannot verify " + cid + ": " + e.getMessage());
        }
        if (!matches) {
            throw new InvalidBlockException("block does not match its CID " + cid);
        }
        gcLock.readLock().lock();
        try {
            List<Slot> order = slots;
            boolean stored = false;
            Optional<Slot> durable = order.stream().filter(slot -> slot.durable).findFirst();
            if (durable.isPresent() && !durable.get().tier.put(cid, data)) {
                throw new IOException("the durable store " + durable.get().tier.name() + " is full");
            }
            for (int i = 0; i < order.size() && !stored; i++) {
                stored = !order.get(i).durable && cache(order, i, cid, data);
            }
            if (!stored && durable.isEmpty()) {
                throw new IOException("no storage tier accepted the block " + cid);
            }
            heat(cid.multihash(), clock.getAsLong());
        } finally {
            gcLock.readLock().unlock();
        }
    }

    @Override
    public boolean delete(Cid cid) throws IOException {
        if (pins.isRoot(cid)) {
            throw new IllegalStateException("pinned: " + cid);
        }
        return removeEverywhere(cid.multihash());
    }

    @Override
    public void forEach(Consumer<Multihash> action) throws IOException {
        Set<Multihash> seen = new HashSet<>();
        for (Slot slot : slots) {
            slot.tier.forEach(key -> {
                if (seen.add(key)) {
                    action.accept(key);
                }
            });
        }
    }

    @Override
    public void pin(Cid root, PinType type) throws IOException {
        if (type == PinType.RECURSIVE) {
            walk(root, key -> { }, true);
        } else if (!has(root)) {
            throw new NoSuchElementException("block not found: " + root);
        }
        pins.put(root, type);
    }

    @Override
    public boolean unpin(Cid root) throws IOException {
        return pins.remove(root);
    }

    @Override
    public Map<Cid, PinType> pins() {
        return pins.all();
    }

    @Override
    public GcResult gc() throws IOException {
        gcLock.writeLock().lock();
        try {
            Set<Multihash> live = new HashSet<>();
            for (Map.Entry<Cid, PinType> pin : pins.all().entrySet()) {
                if (pin.getValue() == PinType.RECURSIVE) {
                    walk(pin.getKey(), live::add, false);
                } else {
                    live.add(pin.getKey().multihash());
                }
            }
            List<Multihash> dead = new ArrayList<>();
            forEach(key -> {
                if (!live.contains(key)) {
                    dead.add(key);
                }
            });
            long before = stat().repoSize();
            for (Multihash key : dead) {
                removeEverywhere(key);
            }
            return new GcResult(dead, before - stat().repoSize());
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    @Override
    public RepoStat stat() {
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

    @Override
    public List<TierStats> tierStats() {
        return slots.stream().map(Slot::stats).toList();
    }

    /** Copies a hot block read from {@code from} into the fastest non-durable tier above it that takes it. */
    private void promote(List<Slot> order, int from, Cid cid, byte[] data) throws IOException {
        for (int i = 0; i < from; i++) {
            if (!order.get(i).durable && !order.get(i).tier.has(cid) && cache(order, i, cid, data)) {
                order.get(i).promotions.incrementAndGet();
                return;
            }
        }
    }

    /** Caches a block in a non-durable tier; a failing tier (I/O error, or closed while being removed) is skipped. */
    private boolean cache(List<Slot> order, int index, Cid cid, byte[] data) {
        try {
            return store(order, index, cid, data);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "storage tier {0} failed to cache {1}: {2}", order.get(index).tier.name(),
                    cid, e.getMessage());
            return false;
        }
    }

    /** Stores a block in a non-durable tier, evicting by its policy until the block fits; false if it cannot. */
    private boolean store(List<Slot> order, int index, Cid cid, byte[] data) throws IOException {
        Slot slot = order.get(index);
        synchronized (slot.policy) {
            if (data.length > slot.policy.capacity()) {
                return false;
            }
            while (slot.policy.bytes() + data.length > slot.policy.capacity()) {
                Optional<Multihash> victim = slot.policy.evict(key -> heatOf(key));
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

    /** Moves a victim out of a tier: down to the next tier that takes it unless a lower tier already holds it. */
    private void demote(List<Slot> order, int index, Multihash victim) throws IOException {
        Slot slot = order.get(index);
        Cid key = Cid.v1(Multicodec.RAW, victim);
        boolean kept = false;
        for (int i = index + 1; i < order.size() && !kept; i++) {
            kept = order.get(i).tier.has(key);
        }
        if (!kept) {
            Optional<byte[]> data = slot.tier.get(key);
            for (int i = index + 1; i < order.size() && data.isPresent() && !kept; i++) {
                Slot lower = order.get(i);
                kept = lower.durable ? lower.tier.put(key, data.get()) : store(order, i, key, data.get());
                if (kept) {
                    lower.demotions.incrementAndGet();
                }
            }
        }
        slot.tier.remove(key);
        slot.evictions.incrementAndGet();
    }

    private boolean removeEverywhere(Multihash multihash) throws IOException {
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
        synchronized (heat) {
            heat.remove(multihash);
        }
        return removed;
    }

    /** Visits every block of the DAG under root once; a missing block fails when {@code strict}, else is skipped. */
    private void walk(Cid root, Consumer<Multihash> visit, boolean strict) throws IOException {
        Set<Multihash> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            if (!seen.add(cid.multihash())) {
                continue;
            }
            visit.accept(cid.multihash());
            Optional<byte[]> block = Optional.empty();
            for (Slot slot : slots) {
                block = block.isPresent() ? block : read(slot, cid);
            }
            if (block.isEmpty()) {
                if (strict) {
                    throw new NoSuchElementException("block not found: " + cid);
                }
                continue;
            }
            if (cid.codec() == Multicodec.DAG_PB) {
                for (PbLink link : DagPb.decode(block.get()).links()) {
                    pending.push(link.hash());
                }
            }
        }
    }

    /** Reads from one tier; a failing tier (I/O error, or closed while being removed) counts as a miss. */
    private static Optional<byte[]> read(Slot slot, Cid cid) {
        try {
            return slot.tier.get(cid);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "storage tier {0} failed to read {1}: {2}", slot.tier.name(), cid,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Heat heat(Multihash key, long now) {
        synchronized (heat) {
            return heat.computeIfAbsent(key, k -> new Heat(now));
        }
    }

    private double heatOf(Multihash key) {
        Heat entry;
        synchronized (heat) {
            entry = heat.get(key);
        }
        return entry == null ? 0 : entry.at(clock.getAsLong());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
