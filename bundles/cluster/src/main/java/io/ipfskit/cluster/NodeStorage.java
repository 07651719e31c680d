package io.ipfskit.cluster;

import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.cluster.wire.HotCid;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running node under the cluster: space is the repo's file system (total and usable), load the system load per
 * core, heat what the heat source reports (none without one); placements are pinned recursively as {@code pin/add}
 * does, fetching missing blocks through the block service within {@link #FETCH_TIMEOUT}.
 */
final class NodeStorage implements LocalNode {

    /** How long one placement or hot fetch may take. */
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);

    private final Path repo;
    private final Blockstore blockstore;
    private final Pinning pinning;
    private final Supplier<BlockService> blocks;
    private final Supplier<Map<String, Double>> heat;

    /** Over the node's repo, store and pins; the block service and the heat source may come and go. */
    NodeStorage(Path repo, Blockstore blockstore, Pinning pinning, Supplier<BlockService> blocks,
            Supplier<Map<String, Double>> heat) {
        this.repo = repo;
        this.blockstore = blockstore;
        this.pinning = pinning;
        this.blocks = blocks;
        this.heat = heat;
    }

    @Override
    public long capacity() {
        return fileStore().map(store -> {
            try {
                return store.getTotalSpace();
            } catch (IOException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    @Override
    public long free() {
        return fileStore().map(store -> {
            try {
                return store.getUsableSpace();
            } catch (IOException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private Optional<FileStore> fileStore() {
        try {
            return Optional.of(Files.getFileStore(repo));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public double systemLoad() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? 0 : load / Runtime.getRuntime().availableProcessors();
    }

    @Override
    public List<HotCid> hottest(int max) {
        Map<String, Double> reported = heat.get();
        if (reported == null) {
            return List.of();
        }
        return reported.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(max)
                .map(e -> new HotCid(Cid.parse(e.getKey()), e.getValue()))
                .toList();
    }

    @Override
    public boolean has(Cid cid) {
        try {
            return blockstore.has(cid);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void pin(Cid cid) throws IOException {
        try (BlockSession session = session()) {
            pinning.pin(cid, PinType.RECURSIVE, missing -> {
                try {
                    return Optional.of(session.get(missing));
                } catch (NoSuchFileException absent) {
                    return Optional.empty();
                }
            });
        }
    }

    @Override
    public void unpin(Cid cid) throws IOException {
        pinning.unpin(cid);
    }

    @Override
    public void fetch(Cid cid) throws IOException {
        try (BlockSession session = session()) {
            session.get(cid);
        }
    }

    private BlockSession session() throws IOException {
        BlockService service = blocks.get();
        if (service == null) {
            throw new IOException("no block service is running: cannot fetch from the network");
        }
        return service.session(new FetchOptions(FETCH_TIMEOUT, false, Long.MAX_VALUE));
    }
}
