package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.BlockReader;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Pins by multihash over the tiers. Pinning walks the root's DAG (every codec through the {@link DagWalker}) and
 * makes sure each block is in a durable tier before the pin is recorded. What recursive pins reach (the indirect
 * pins) is derived by walking them, cached until the pin set changes; GC keeps roots and indirect blocks.
 */
final class Pins {

    /** The largest indirect set kept between calls; a larger one is walked again when asked for. */
    static final int MAX_CACHED_INDIRECT = 1 << 21;

    /** A block reached from a recursive pin: the CID it was linked as, and the root it was reached from. */
    record Reached(Cid cid, Cid root) {
    }

    private record Cached(long version, Map<Multihash, Reached> indirect) {
    }

    private final PinStore store;
    private final DagWalker walker;
    private final Tiers tiers;
    private volatile Cached cached;

    Pins(PinStore store, DagWalker walker, Tiers tiers) {
        this.store = store;
        this.walker = walker;
        this.tiers = tiers;
    }

    /**
     * Pins a root after making its block, or its whole DAG, durable; blocks the tiers lack are read through
     * {@code missing} and checked against their CID first. The caller holds off GC.
     */
    void pin(Cid root, PinType type, BlockReader missing) throws IOException {
        checkPinnable(root, type);
        BlockReader reader = cid -> {
            Optional<byte[]> local = tiers.peek(cid);
            return local.isPresent() ? local : verified(cid, missing.read(cid));
        };
        if (type == PinType.RECURSIVE) {
            walker.walk(root, reader, (cid, block) -> {
                durable(cid, block);
                return true;
            }, true, absent -> { });
        } else {
            durable(root, reader.read(root).orElseThrow(() -> new NoSuchElementException("block not found: " + root)));
        }
        store.put(root, type);
    }

    /**
     * Records the pin of a root whose DAG the caller stored itself, every put acknowledged (each block is durable),
     * without walking it; only the root is checked to be in a durable tier (a caller that stored nothing, or a durable
     * tier that left since, fails here). The caller holds off GC.
     */
    void pinStored(Cid root, PinType type) throws IOException {
        checkPinnable(root, type);
        if (!isIdentity(root) && !tiers.durablyHeld(root)) {
            throw new NoSuchElementException("block not found in a durable tier: " + root);
        }
        store.put(root, type);
    }

    private void checkPinnable(Cid root, PinType type) {
        if (type == PinType.INDIRECT) {
            throw new IllegalArgumentException("a block cannot be pinned indirectly; pin its root recursively");
        }
        if (type == PinType.DIRECT && store.get(root.multihash()).filter(p -> p.type() == PinType.RECURSIVE).isPresent()) {
            throw new IllegalStateException(root + " is already pinned recursively");
        }
    }

    private static Optional<byte[]> verified(Cid cid, Optional<byte[]> block) throws IOException {
        if (block.isPresent() && !cid.verify(block.get())) {
            throw new IOException("block read for a pin does not match its CID " + cid);
        }
        return block;
    }

    /** Removes the pin of the root with the CID's multihash. */
    boolean unpin(Cid root) throws IOException {
        return store.remove(root.multihash());
    }

    /** The pinned roots as pinned. */
    Map<Cid, PinType> roots() {
        return store.all();
    }

    /** How the block is pinned, if at all. */
    Optional<Pinned> pinned(Cid cid) throws IOException {
        Optional<PinStore.Pin> root = store.get(cid.multihash());
        if (root.isPresent()) {
            return Optional.of(new Pinned(root.get().type(), null));
        }
        Reached reached = indirect().get(cid.multihash());
        return reached == null ? Optional.empty() : Optional.of(new Pinned(PinType.INDIRECT, reached.root()));
    }

    /** Reports the pinned blocks of a type (null: all), roots first, each block once. */
    void forEach(PinType type, BiConsumer<Cid, PinType> action) throws IOException {
        Map<Cid, PinType> roots = store.all();
        roots.forEach((cid, pinType) -> {
            if (type == null || type == pinType) {
                action.accept(cid, pinType);
            }
        });
        if (type == null || type == PinType.INDIRECT) {
            Set<Multihash> rootKeys = new HashSet<>();
            roots.keySet().forEach(cid -> rootKeys.add(cid.multihash()));
            indirect().forEach((key, reached) -> {
                if (!rootKeys.contains(key)) {
                    action.accept(reached.cid(), PinType.INDIRECT);
                }
            });
        }
    }

    /** Every block GC must keep: the roots and what recursive pins reach; fails if a pinned DAG cannot be walked. */
    Set<Multihash> live() throws IOException {
        Set<Multihash> live = new HashSet<>(indirect().keySet());
        store.all().keySet().forEach(cid -> live.add(cid.multihash()));
        return live;
    }

    /** The problems of every pin whose blocks are not all in a durable tier, one line each (none: all complete). */
    List<String> verifyDurable() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Cid, PinType> pin : store.all().entrySet()) {
            Cid root = pin.getKey();
            if (pin.getValue() == PinType.DIRECT) {
                if (!tiers.durablyHeld(root)) {
                    problems.add("pinned block " + root + " is not in a durable tier");
                }
                continue;
            }
            walker.walk(root, tiers::peek, (cid, block) -> {
                if (!isIdentity(cid) && !tiers.durablyHeld(cid)) {
                    problems.add("block " + cid + " of the DAG pinned at " + root + " is not in a durable tier");
                }
                return true;
            }, false, missing -> problems.add("block " + missing + " of the DAG pinned at " + root + " is missing"));
        }
        return problems;
    }

    private void durable(Cid cid, byte[] block) throws IOException {
        if (!isIdentity(cid)) {
            tiers.makeDurable(cid, block);
        }
    }

    private Map<Multihash, Reached> indirect() throws IOException {
        long version = store.version();
        Cached current = cached;
        if (current != null && current.version() == version) {
            return current.indirect();
        }
        Map<Multihash, Reached> reached = new LinkedHashMap<>();
        for (Map.Entry<Cid, PinType> pin : store.all().entrySet()) {
            if (pin.getValue() == PinType.RECURSIVE) {
                Cid root = pin.getKey();
                walker.walk(root, tiers::peek, (cid, block) -> {
                    reached.putIfAbsent(cid.multihash(), new Reached(cid, root));
                    return true;
                }, false, missing -> reached.putIfAbsent(missing.multihash(), new Reached(missing, root)));
            }
        }
        if (reached.size() <= MAX_CACHED_INDIRECT) {
            cached = new Cached(version, reached);
        }
        return reached;
    }

    private static boolean isIdentity(Cid cid) {
        return cid.multihash().code() == Multicodec.IDENTITY;
    }
}
