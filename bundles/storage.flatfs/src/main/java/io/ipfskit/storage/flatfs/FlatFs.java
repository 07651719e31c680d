package io.ipfskit.storage.flatfs;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.api.storage.TierStats;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multibase;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * and its directory fsynced, so a crash leaves either the whole block or nothing; leftover temporary files are
 * removed on open. Reads are verified: a file whose bytes do not match is deleted and reported as a miss.
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

    private final Path root;
    private final long capacity;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    /** Opens the configured store: {@link FlatFsConfig#path()}, else {@code blocks} in the node's repo. */
    @Activate
    public FlatFs(@Reference Node node, FlatFsConfig config) throws IOException {
        this(config.path().isBlank() ? node.repo().resolve("blocks") : Path.of(config.path()), config.maxBytes());
    }

    /** Opens (creating if needed) the store at {@code root} holding at most {@code capacity} bytes of blocks. */
    public FlatFs(Path root, long capacity) throws IOException {
        this.root = root;
        this.capacity = capacity;
        Files.createDirectories(root);
        Path sharding = root.resolve("SHARDING");
        if (Files.exists(sharding)) {
            String found = Files.readString(sharding, StandardCharsets.UTF_8).trim();
            if (!found.equals(SHARDING)) {
                throw new IOException("flatfs at " + root + " is sharded as " + found + ", not " + SHARDING);
            }
        } else {
            writeAtomically(root, sharding, (SHARDING + "\n").getBytes(StandardCharsets.UTF_8));
        }
        scan();
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
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        if (!cid.verify(data)) {
            LOG.log(System.Logger.Level.ERROR, "flatfs: {0} does not match {1}; deleting the corrupt file", file, cid);
            if (Files.deleteIfExists(file)) {
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
        return Files.exists(file(cid.multihash()));
    }

    @Override
    public synchronized boolean put(Cid cid, byte[] data) throws IOException {
        Path file = file(cid.multihash());
        if (Files.exists(file)) {
            return true;
        }
        if (bytes.get() + data.length > capacity) {
            return false;
        }
        Path shard = file.getParent();
        if (!Files.isDirectory(shard)) {
            Files.createDirectories(shard);
            fsync(root);
        }
        writeAtomically(shard, file, data);
        bytes.addAndGet(data.length);
        items.incrementAndGet();
        return true;
    }

    @Override
    public synchronized boolean remove(Cid cid) throws IOException {
        Path file = file(cid.multihash());
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!Files.deleteIfExists(file)) {
            return false;
        }
        bytes.addAndGet(-size);
        items.decrementAndGet();
        return true;
    }

    @Override
    public void forEach(Consumer<Multihash> action) throws IOException {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard, "*" + SUFFIX)) {
                    for (Path file : files) {
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

    /** Counts the blocks and removes temporary files a crash left behind. */
    private void scan() throws IOException {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (name.startsWith(TEMP_PREFIX)) {
                            Files.deleteIfExists(file);
                        } else if (name.endsWith(SUFFIX)) {
                            bytes.addAndGet(Files.size(file));
                            items.incrementAndGet();
                        }
                    }
                }
            }
        }
    }

    private static void writeAtomically(Path directory, Path target, byte[] data) throws IOException {
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        fsync(directory);
    }

    private static void fsync(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
