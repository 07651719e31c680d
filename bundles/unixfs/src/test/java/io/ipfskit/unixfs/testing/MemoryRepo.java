package io.ipfskit.unixfs.testing;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.DagPb;
import io.ipfskit.unixfs.PbLink;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A verifying in-memory blockstore with pins for tests: a recursive pin checks that the whole DAG is present. */
public final class MemoryRepo implements Blockstore, Pinning {

    private final Map<Multihash, byte[]> blocks = new ConcurrentHashMap<>();
    private final Map<Cid, PinType> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(Cid cid) {
        return Optional.ofNullable(blocks.get(cid.multihash()));
    }

    @Override
    public boolean has(Cid cid) {
        return blocks.containsKey(cid.multihash());
    }

    @Override
    public OptionalInt size(Cid cid) {
        byte[] block = blocks.get(cid.multihash());
        return block == null ? OptionalInt.empty() : OptionalInt.of(block.length);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        if (!cid.verify(data)) {
            throw new InvalidBlockException("block does not match " + cid);
        }
        blocks.put(cid.multihash(), data);
    }

    @Override
    public boolean delete(Cid cid) {
        return blocks.remove(cid.multihash()) != null;
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        blocks.keySet().forEach(action);
    }

    @Override
    public void pin(Cid root, PinType type) {
        if (type == PinType.RECURSIVE) {
            checkComplete(root);
        }
        pins.put(root, type);
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
    public GcResult gc() {
        throw new UnsupportedOperationException("tests do not collect garbage");
    }

    @Override
    public RepoStat stat() {
        return new RepoStat(blocks.size(), blocks.values().stream().mapToLong(b -> b.length).sum(), Long.MAX_VALUE);
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
