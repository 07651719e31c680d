package io.ipfskit.storage.flatfs;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multibase;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A durable {@link StorageTier} keeping one file per block, named by the base32 (upper case, unpadded) multihash
 * plus {@code .data} in a directory named by the key's next-to-last two characters, as kubo's flatfs
 * ({@code /repo/flatfs/shard/v1/next-to-last/2}). A write goes to a temporary file that is fsynced, renamed into place
 * and its directory fsynced (as is the parent of every directory it creates), so a put that returned survives a power
 * loss and a crash leaves either the whole block or nothing; opening removes leftover temporary files and syncs every
 * directory, so nothing a killed writer left unsynced passes for durable. Reads are verified: a file whose bytes do
 * not match is deleted and reported as a miss. Puts of different blocks run at once (their syncs overlap, several
 * times the rate of one sync after another; grouping the directory syncs of concurrent puts
 * into rounds was measured slower on this machine's ext4 without a journal, where each directory sync is a write of
 * its own and a round serializes them); puts and removals of one block are serialized, and a put reserves its bytes
 * before it writes, so concurrent puts never exceed the capacity.
 */
@Component(service = StorageTier.class, configurationPid = "io.ipfskit.storage.flatfs",
        property = {"service.ranking:Integer=100", StorageTier.NAME + "=flatfs", StorageTier.DURABLE + ":Boolean=true"})
@Designate(ocd = FlatFsConfig.class)
public final class FlatFs implements StorageTier {

    /** The shard function as kubo's flatfs records it in the {@code SHARDING} file. */
    public static final String SHARDING = "/repo/flatfs/shard/v1/next-to-last/2";

    private static final System.Logger LOG = System.getLogger(FlatFs.class.getName());
    private static final String SUFFIX = ".data";
    private static final String TEMP_PREFIX = ".temp-";
    private static final int STRIPES = 64;

    private final Path root;
    private final long capacity;
    private final Disk disk;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final Object[] stripes = new Object[STRIPES];

    /** Opens the configured store: {@link FlatFsConfig#path()}, else {@code blocks} in the node's repo. */
    @Activate
    public FlatFs(@Reference Node node, FlatFsConfig config) throws IOException {
        this(config.path().isBlank() ? node.repo().resolve("blocks") : Path.of(config.path()), config.maxBytes(),
                new RealDisk());
    }

    /**
     * Opens (creating if needed) the store at {@code root} holding at most {@code capacity} bytes of blocks (a factory,
     * not a constructor: SCR tries every public constructor of the component's arity).
     */
    public static FlatFs open(Path root, long capacity) throws IOException {
        return new FlatFs(root, capacity, new RealDisk());
    }

    /** Opens the store on the given disk (tests pass one that can lose power). */
    FlatFs(Path root, long capacity, Disk disk) throws IOException {
        this.root = root;
        this.capacity = capacity;
        this.disk = disk;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        createDurably(root);
        Path sharding = root.resolve("SHARDING");
        if (disk.exists(sharding)) {
            String found = new String(disk.read(sharding), StandardCharsets.UTF_8).trim();
            if (!found.equals(SHARDING)) {
                throw new IOException("flatfs at " + root + " is sharded as " + found + ", not " + SHARDING);
            }
        } else {
            writeAtomically(root, sharding, (SHARDING + "\n").getBytes(StandardCharsets.UTF_8));
        }
        recover();
    }

    @Override
    public String name() {
        return "flatfs";
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        Path file = file(cid.multihash());
        byte[] data;
        try {
            data = disk.read(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        if (!cid.verify(data)) {
            LOG.log(System.Logger.Level.ERROR, "flatfs: {0} does not match {1}; deleting the corrupt file", file, cid);
            if (disk.delete(file)) {
                bytes.addAndGet(-data.length);
                items.decrementAndGet();
            }
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(data);
    }

    @Override
    public boolean has(Cid cid) {
        return disk.exists(file(cid.multihash()));
    }

    @Override
    public boolean put(Cid cid, byte[] data) throws IOException {
        Path file = file(cid.multihash());
        synchronized (stripe(file)) {
            if (disk.exists(file)) {
                return true;
            }
            if (bytes.addAndGet(data.length) > capacity) {
                bytes.addAndGet(-data.length);
                return false;
            }
            try {
                Path shard = file.getParent();
                createDurably(shard);
                writeAtomically(shard, file, data);
            } catch (IOException | RuntimeException e) {
                bytes.addAndGet(-data.length);
                throw e;
            }
            items.incrementAndGet();
            return true;
        }
    }

    @Override
    public boolean remove(Cid cid) throws IOException {
        Path file = file(cid.multihash());
        synchronized (stripe(file)) {
            long size;
            try {
                size = disk.size(file);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (!disk.delete(file)) {
                return false;
            }
            bytes.addAndGet(-size);
            items.decrementAndGet();
            return true;
        }
    }

    /**
     * The lock of the stripe a block's file falls in: writes and removals of one block are serialized, writes of
     * different blocks run (and sync) at once, so the file system commits their syncs together.
     */
    private Object stripe(Path file) {
        return stripes[Math.floorMod(file.getFileName().hashCode(), STRIPES)];
    }

    @Override
    public void forEach(Consumer<Multihash> action) throws IOException {
        for (Path shard : shards()) {
            try (DirectoryStream<Path> files = disk.list(shard)) {
                for (Path file : files) {
                    if (file.getFileName().toString().endsWith(SUFFIX)) {
                        key(file).ifPresent(action);
                    }
                }
            }
        }
    }

    @Override
    public TierStats stats() {
        return new TierStats(name(), hits.get(), misses.get(), bytes.get(), items.get(), 0, 0, 0);
    }

    /** The file of a block: {@code root/<shard>/<KEY>.data}. */
    Path file(Multihash multihash) {
        String key = Multibase.BASE32UPPER.encode(multihash.bytes()).substring(1);
        return root.resolve(key.substring(key.length() - 3, key.length() - 1)).resolve(key + SUFFIX);
    }

    private static Optional<Multihash> key(Path file) {
        String name = file.getFileName().toString();
        try {
            return Optional.of(Multihash.decode(
                    Multibase.decode("B" + name.substring(0, name.length() - SUFFIX.length()))));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "flatfs: ignoring {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** The shard directories. */
    private List<Path> shards() throws IOException {
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> entries = disk.list(root)) {
            for (Path entry : entries) {
                if (disk.isDirectory(entry)) {
                    shards.add(entry);
                }
            }
        }
        return shards;
    }

    /**
     * Counts the blocks, removes temporary files a crash left behind, and syncs every directory of the store and the
     * one naming it, so that no name a killed writer left unsynced is taken for durable by a later put.
     */
    private void recover() throws IOException {
        for (Path shard : shards()) {
            try (DirectoryStream<Path> files = disk.list(shard)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        disk.delete(file);
                    } else if (name.endsWith(SUFFIX)) {
                        bytes.addAndGet(disk.size(file));
                        items.incrementAndGet();
                    }
                }
            }
            disk.syncDirectory(shard);
        }
        disk.syncDirectory(root);
        disk.syncDirectory(parent(root));
    }

    private static Path parent(Path path) {
        return path.toAbsolutePath().getParent();
    }

    /**
     * Creates the directory and any missing parents, each made durable by syncing the directory that names it; one
     * whose name could not be synced is removed again, so a later put does not take it for durable.
     */
    private void createDurably(Path directory) throws IOException {
        if (disk.isDirectory(directory)) {
            return;
        }
        Path parent = parent(directory);
        createDurably(parent);
        disk.createDirectory(directory);
        try {
            disk.syncDirectory(parent);
        } catch (IOException | RuntimeException e) {
            deleteAfter(e, directory);
            throw e;
        }
    }

    /** Deletes what a failed step left, keeping a failure to delete beside the first one. */
    private void deleteAfter(Exception failure, Path path) {
        try {
            disk.delete(path);
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /**
     * Writes and syncs a temporary file, renames it to the target and syncs the directory; if any step fails, what it
     * wrote (the temporary file, or the target once renamed) is deleted, so a refused write leaves the store as it was.
     */
    private void writeAtomically(Path directory, Path target, byte[] data) throws IOException {
        Path written = directory.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            disk.write(written, data);
            disk.syncFile(written);
            disk.rename(written, target);
            written = target;
            disk.syncDirectory(directory);
        } catch (IOException | RuntimeException e) {
            deleteAfter(e, written);
            throw e;
        }
    }
}
