package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** A map blockstore with a pin map for the command tests. */
final class MemoryStore implements Blockstore, Pinning {

    final Map<Multihash, byte[]> blocks = new LinkedHashMap<>();
    final Map<Cid, PinType> pins = new LinkedHashMap<>();

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
        return get(cid).map(b -> OptionalInt.of(b.length)).orElse(OptionalInt.empty());
    }

    @Override
    public void put(Cid cid, byte[] data) {
        if (!cid.verify(data)) {
            throw new InvalidBlockException("mismatch " + cid);
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
        throw new UnsupportedOperationException();
    }

    @Override
    public RepoStat stat() {
        throw new UnsupportedOperationException();
    }
}
