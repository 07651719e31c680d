package io.ipfskit.storage.tiered;

import io.ipfskit.multiformats.Multihash;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cache tier's eviction state and the heat of its blocks, saved when the tier leaves (or the node stops) and read
 * when it joins again, so a persistent cache keeps its ARC lists and heat across restarts. One binary file per tier
 * name, replaced atomically; a missing, stale or damaged file is simply no state.
 */
final class TierStateFile {

    /** What is saved: the policy's lists and the heat of the blocks in them. */
    record Saved(ArcPolicy.State policy, Map<Multihash, Heat> heat) {
    }

    private static final long MAGIC = 0x4950_4b41_5243_0001L;
    private static final int MAX_ENTRIES = 1 << 24;
    private static final int MAX_KEY = 128;

    private TierStateFile() {
    }

    /** Writes the state of one tier to {@code file}. */
    static void save(Path file, ArcPolicy.State policy, HeatTable heat) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
            out.writeLong(MAGIC);
            out.writeLong(policy.target());
            for (List<ArcPolicy.Entry> list : List.of(policy.t1(), policy.t2(), policy.b1(), policy.b2())) {
                out.writeInt(list.size());
                for (ArcPolicy.Entry entry : list) {
                    byte[] key = entry.key().bytes();
                    out.writeShort(key.length);
                    out.write(key);
                    out.writeLong(entry.size());
                    Heat h = heat.get(entry.key());
                    out.writeLong(h == null ? -1 : h.created());
                    out.writeLong(h == null ? 0 : h.accesses());
                    out.writeLong(h == null ? 0 : h.lastAccess());
                }
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads the state saved in {@code file}; empty when there is none or it cannot be read. */
    static Optional<Saved> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != MAGIC) {
                return Optional.empty();
            }
            long target = in.readLong();
            Map<Multihash, Heat> heat = new HashMap<>();
            List<List<ArcPolicy.Entry>> lists = new ArrayList<>();
            for (int l = 0; l < 4; l++) {
                int count = in.readInt();
                if (count < 0 || count > MAX_ENTRIES) {
                    return Optional.empty();
                }
                List<ArcPolicy.Entry> list = new ArrayList<>(Math.min(count, 4096));
                for (int i = 0; i < count; i++) {
                    int length = in.readUnsignedShort();
                    if (length > MAX_KEY) {
                        return Optional.empty();
                    }
                    Multihash key = Multihash.decode(in.readNBytes(length));
                    long size = in.readLong();
                    long created = in.readLong();
                    long accesses = in.readLong();
                    long last = in.readLong();
                    list.add(new ArcPolicy.Entry(key, size));
                    if (created >= 0) {
                        heat.put(key, new Heat(created, accesses, last));
                    }
                }
                lists.add(list);
            }
            return Optional.of(new Saved(new ArcPolicy.State(target, lists.get(0), lists.get(1), lists.get(2),
                    lists.get(3)), heat));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
