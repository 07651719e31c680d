package io.ipfskit.storage.tiered;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.BlockReader;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierMonitor;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link Blockstore}, {@link Pinning} and {@link TierMonitor} over every registered {@link StorageTier} (see
 * {@link Tiers}) and {@link LinkWalker} (see {@link DagWalker}). Writes and pins hold the {@link GcGate}; GC and block
 * removal run exclusively, waiting a bounded time. A put is acknowledged only once a durable tier has synced it; a
 * pin only once every block it protects is in a durable tier; a pinned block is never removed.
 */
@Component(service = {Blockstore.class, Pinning.class, TierMonitor.class, TieredBlockstore.class},
        configurationPid = "io.ipfskit.storage.tiered")
@Designate(ocd = TieredConfig.class)
public final class TieredBlockstore implements Blockstore, Pinning, TierMonitor {

    private final GcGate gate = new GcGate();
    private final DagWalker walker = new DagWalker();
    private final Tiers tiers;
    private final Pins pins;
    private final Duration exclusiveWait;

    /** The component: pins and tier state in the node's repository, the configured policy, wall-clock time. */
    @Activate
    public TieredBlockstore(@Reference Node node, TieredConfig config) throws IOException {
        this(new PinStore(node.repo().resolve("pins")), new Tiers(new HeatTable(config.heatTableBytes()),
                config.promotionThreshold(), config.demotionThreshold(), System::currentTimeMillis,
                node.repo().resolve("tiers"),
                ArcPolicy.ENTRY_OVERHEAD, config.cacheWrites()), Duration.ofSeconds(config.gcWaitSeconds()));
    }

    TieredBlockstore(PinStore pinStore, Tiers tiers, Duration exclusiveWait) {
        this.tiers = tiers;
        this.pins = new Pins(pinStore, walker, tiers);
        this.exclusiveWait = exclusiveWait;
    }

    /** A tier service arrived: it joins at its ranking. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTier(StorageTier tier, Map<String, Object> properties) {
        Object ranking = properties.get("service.ranking");
        tiers.add(tier, ranking instanceof Integer value ? value : 0);
    }

    /** A tier service left: it is no longer read or written (durable content stays where it is). */
    void removeTier(StorageTier tier) {
        tiers.remove(tier);
    }

    /** A codec's link walker arrived: pins and GC follow its links. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addWalker(LinkWalker linkWalker) {
        walker.add(linkWalker);
    }

    /** A codec's link walker left: recursive pins and GC over that codec fail until one returns. */
    void removeWalker(LinkWalker linkWalker) {
        walker.remove(linkWalker);
    }

    /** Saves the cache tiers' state for the next start. */
    @Deactivate
    void deactivate() {
        tiers.saveAll();
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        return tiers.get(cid);
    }

    @Override
    public boolean has(Cid cid) throws IOException {
        return tiers.has(cid);
    }

    @Override
    public OptionalInt size(Cid cid) {
        return tiers.size(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) throws IOException {
        checkSize(data);
        put(VerifiedBlock.check(cid, data));
    }

    /** Stores a block hashed or checked in this process, without hashing it again. */
    @Override
    public void put(VerifiedBlock block) throws IOException {
        checkSize(block.data());
        try (GcLock hold = gate.hold()) {
            tiers.write(block.cid(), block.data());
        }
    }

    private static void checkSize(byte[] data) {
        if (data.length > MAX_BLOCK_SIZE) {
            throw new InvalidBlockException("block of " + data.length + " bytes exceeds " + MAX_BLOCK_SIZE);
        }
    }

    @Override
    public boolean delete(Cid cid) throws IOException {
        return gate.exclusively("block rm", exclusiveWait, () -> {
            Optional<Pinned> pinned = pins.pinned(cid);
            if (pinned.isPresent()) {
                throw new IllegalStateException(pinned.get().type() == PinType.INDIRECT
                        ? "pinned via " + pinned.get().via() : "pinned: " + pinned.get().describe());
            }
            return tiers.removeEverywhere(cid.multihash());
        });
    }

    @Override
    public void forEach(Consumer<Multihash> action) throws IOException {
        tiers.forEach(action);
    }

    @Override
    public void pin(Cid root, PinType type) throws IOException {
        pin(root, type, cid -> Optional.empty());
    }

    @Override
    public void pin(Cid root, PinType type, BlockReader missing) throws IOException {
        try (GcLock hold = gate.hold()) {
            pins.pin(root, type, missing);
        }
    }

    /** Records the pin without walking the DAG: the caller put every block of it, each put acknowledged. */
    @Override
    public void pinStored(Cid root, PinType type) throws IOException {
        try (GcLock hold = gate.hold()) {
            pins.pinStored(root, type);
        }
    }

    @Override
    public boolean unpin(Cid root) throws IOException {
        return pins.unpin(root);
    }

    @Override
    public Map<Cid, PinType> pins() {
        return pins.roots();
    }

    @Override
    public Optional<Pinned> pinned(Cid cid) throws IOException {
        return pins.pinned(cid);
    }

    @Override
    public void forEachPinned(PinType type, BiConsumer<Cid, PinType> action) throws IOException {
        pins.forEach(type, action);
    }

    @Override
    public GcLock gcLock() throws IOException {
        return gate.hold();
    }

    @Override
    public GcResult gc() throws IOException {
        return gate.exclusively("repo gc", exclusiveWait, () -> {
            Set<Multihash> live = pins.live();
            List<Multihash> dead = new ArrayList<>();
            tiers.forEach(key -> {
                if (!live.contains(key)) {
                    dead.add(key);
                }
            });
            long before = tiers.stat().repoSize();
            for (Multihash key : dead) {
                tiers.removeEverywhere(key);
            }
            return new GcResult(dead, before - tiers.stat().repoSize());
        });
    }

    @Override
    public RepoStat stat() {
        return tiers.stat();
    }

    @Override
    public List<TierStats> tierStats() {
        return tiers.stats();
    }

    /** The {@code max} hottest blocks now, hottest first, with their heat (for {@link HottestBlocks}). */
    public Map<Multihash, Double> hottest(int max) {
        return tiers.hottest(max);
    }

    /** The durable tiers in use, fastest first (for {@code repo verify}). */
    public List<StorageTier> durableTiers() {
        return tiers.durableTiers();
    }

    /** One line per pinned block that is missing or not in a durable tier (for {@code repo verify}). */
    public List<String> verifyPins() throws IOException {
        return pins.verifyDurable();
    }
}
