package io.ipfskit.unixfs;

import io.ipfskit.multiformats.Cid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory block map for tests: a sink that verifies every block and a source. */
final class MemoryBlocks implements BlockSink, BlockSource {

    final Map<Cid, byte[]> blocks = new LinkedHashMap<>();

    @Override
    public void put(Cid cid, byte[] block) {
        if (!cid.verify(block)) {
            throw new AssertionError("block does not match " + cid);
        }
        blocks.put(cid, block);
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        return Optional.ofNullable(blocks.get(cid));
    }
}
