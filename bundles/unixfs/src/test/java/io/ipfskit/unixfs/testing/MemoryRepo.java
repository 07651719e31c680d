package io.ipfskit.unixfs.testing;

import io.ipfskit.api.storage.BlockReader;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.testing.MemoryBlockstore;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A verifying in-memory blockstore with pins for tests: a recursive pin checks that the whole DAG is present (dag-pb
 * links only), and every put made while no {@link #gcLock()} is held is counted, so tests can prove a write path
 * holds the lock from its first block to its pin.
 */
public final class MemoryRepo extends MemoryBlockstore implements Pinning {

    private final Map<Cid, PinType> pins = new ConcurrentHashMap<>();
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger unguardedPuts = new AtomicInteger();

    /** How many puts happened while no GC lock was held. */
    public int unguardedPuts() {
        return unguardedPuts.get();
    }

    @Override
    public void put(Cid cid, byte[] data) {
        if (holds.get() == 0) {
            unguardedPuts.incrementAndGet();
        }
        super.put(cid, data);
    }

    @Override
    public void pin(Cid root, PinType type) {
        if (type == PinType.RECURSIVE) {
            checkComplete(root);
        }
        pins.put(root, type);
    }

    @Override
    public void pin(Cid root, PinType type, BlockReader missing) throws IOException {
        pin(root, type);
    }

    @Override
    public boolean unpin(Cid root) {
        return pins.remove(root) != null;
    }

    @Override
    public Map<Cid, PinType> pins() {
        return Map.copyOf(pins);
    }

    @Override
    public Optional<Pinned> pinned(Cid cid) {
        for (Map.Entry<Cid, PinType> pin : pins.entrySet()) {
            if (pin.getKey().multihash().equals(cid.multihash())) {
                return Optional.of(new Pinned(pin.getValue(), null));
            }
        }
        for (Map.Entry<Cid, PinType> pin : pins.entrySet()) {
            Set<Multihash> reached = new HashSet<>();
            if (pin.getValue() == PinType.RECURSIVE) {
                collect(pin.getKey(), reached);
            }
            if (reached.contains(cid.multihash())) {
                return Optional.of(new Pinned(PinType.INDIRECT, pin.getKey()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void forEachPinned(PinType type, BiConsumer<Cid, PinType> action) {
        pins.forEach((root, pinType) -> {
            if (type == null || type == pinType) {
                action.accept(root, pinType);
            }
        });
    }

    @Override
    public GcLock gcLock() {
        holds.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                holds.decrementAndGet();
            }
        };
    }

    @Override
    public GcResult gc() {
        throw new UnsupportedOperationException("tests do not collect garbage");
    }

    @Override
    public RepoStat stat() {
        return new RepoStat(count(), bytes(), Long.MAX_VALUE);
    }

    private void collect(Cid cid, Set<Multihash> into) {
        byte[] block = get(cid).orElse(null);
        if (into.add(cid.multihash()) && block != null && cid.codec() == Multicodec.DAG_PB) {
            for (PbLink link : DagPb.decode(block).links()) {
                collect(link.hash(), into);
            }
        }
    }

    private void checkComplete(Cid cid) {
        byte[] block = get(cid).orElseThrow(() -> new NoSuchElementException("missing block " + cid));
        if (cid.codec() == Multicodec.DAG_PB) {
            for (PbLink link : DagPb.decode(block).links()) {
                checkComplete(link.hash());
            }
        }
    }
}
