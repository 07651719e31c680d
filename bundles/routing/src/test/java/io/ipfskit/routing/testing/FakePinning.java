package io.ipfskit.routing.testing;

import io.ipfskit.api.storage.BlockReader;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.GcResult;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.multiformats.Cid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Pin roots recorded in order, without walking or checking anything: what recursive pins reach (indirect pins), GC
 * and repo stats are not known to it and fail, so a test using it proves its subject walks DAGs itself.
 */
public final class FakePinning implements Pinning {

    private final Map<Cid, PinType> roots = new LinkedHashMap<>();

    @Override
    public synchronized void pin(Cid root, PinType type) {
        if (type == PinType.INDIRECT) {
            throw new IllegalArgumentException("a block cannot be pinned indirectly");
        }
        roots.put(root, type);
    }

    @Override
    public void pin(Cid root, PinType type, BlockReader missing) {
        pin(root, type);
    }

    @Override
    public synchronized boolean unpin(Cid root) {
        return roots.keySet().removeIf(pinned -> pinned.multihash().equals(root.multihash()));
    }

    @Override
    public synchronized Map<Cid, PinType> pins() {
        return new LinkedHashMap<>(roots);
    }

    @Override
    public synchronized Optional<Pinned> pinned(Cid cid) {
        return roots.entrySet().stream().filter(pin -> pin.getKey().multihash().equals(cid.multihash()))
                .findFirst().map(pin -> new Pinned(pin.getValue(), null));
    }

    @Override
    public void forEachPinned(PinType type, BiConsumer<Cid, PinType> action) {
        if (type == null || type == PinType.INDIRECT) {
            throw new UnsupportedOperationException("the fake does not walk recursive pins");
        }
        pins().forEach((root, pinType) -> {
            if (pinType == type) {
                action.accept(root, pinType);
            }
        });
    }

    @Override
    public GcLock gcLock() {
        throw new UnsupportedOperationException("no GC in the fake");
    }

    @Override
    public GcResult gc() {
        throw new UnsupportedOperationException("no GC in the fake");
    }

    @Override
    public RepoStat stat() {
        throw new UnsupportedOperationException("no repo stats in the fake");
    }
}
