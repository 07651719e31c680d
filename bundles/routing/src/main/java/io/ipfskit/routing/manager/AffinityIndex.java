package io.ipfskit.routing.manager;

import io.ipfskit.multiformats.Multihash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The DAG root each recently read block belongs to, for at most {@code maxBlocks} blocks (least recent forgotten). */
final class AffinityIndex {

    private final Map<Multihash, Multihash> rootOf;

    AffinityIndex(int maxBlocks) {
        if (maxBlocks < 1) {
            throw new IllegalArgumentException("maxBlocks must be positive");
        }
        rootOf = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Multihash, Multihash> eldest) {
                return size() > maxBlocks;
            }
        };
    }

    synchronized void relate(Multihash block, Multihash root) {
        if (!block.equals(root)) {
            rootOf.put(block, root);
        }
    }

    /** The root of the block's DAG, if the block was read as part of one. */
    synchronized Optional<Multihash> root(Multihash block) {
        return Optional.ofNullable(rootOf.get(block));
    }
}
