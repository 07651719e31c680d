package io.ipfskit.cluster;

import io.ipfskit.cluster.wire.ClusterCodec;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.MalformedClusterMessageException;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's pins by CID, removed ones kept as tombstones (at most {@link #MAX_TOMBSTONES}, the oldest forgotten
 * first) so that workers hear of the removal; saved after every change (and only then) to one file, written to a temporary file,
 * synced and moved over the old one atomically, so a crash leaves the old state or the new, never a mix.
 */
final class PinStore {

    /** Removed pins remembered at most. */
    static final int MAX_TOMBSTONES = 1024;

    private final LinkedHashMap<Cid, ClusterPin> pins = new LinkedHashMap<>();
    private final Path file;

    /** The state saved in {@code file} (none when it does not exist; null keeps the state in memory only). */
    PinStore(Path file) throws IOException {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                ClusterCodec.decodePins(Files.readAllBytes(file)).forEach(pin -> pins.put(pin.cid(), pin));
            } catch (MalformedClusterMessageException e) {
                throw new IOException("cluster state " + file + " is damaged: " + e.getMessage(), e);
            }
        }
    }

    /** The pin of the CID, live or removed. */
    Optional<ClusterPin> get(Cid cid) {
        return Optional.ofNullable(pins.get(cid));
    }

    /** Every pin, live and removed, oldest first. */
    List<ClusterPin> all() {
        return List.copyOf(pins.values());
    }

    /** The live pins. */
    List<ClusterPin> live() {
        return pins.values().stream().filter(p -> !p.removed()).toList();
    }

    /**
     * Puts each pin (a removed one last in line, dropping the oldest tombstones beyond the bound) and saves, unless
     * every one of them was already there as it is (a follower hears the same state every heartbeat).
     */
    void putAll(Collection<ClusterPin> changed) {
        boolean any = false;
        for (ClusterPin pin : changed) {
            if (pin.equals(pins.get(pin.cid()))) {
                continue;
            }
            any = true;
            if (pin.removed()) {
                pins.remove(pin.cid());
            }
            pins.put(pin.cid(), pin);
        }
        if (!any) {
            return;
        }
        long tombstones = pins.values().stream().filter(ClusterPin::removed).count();
        var oldest = pins.values().iterator();
        while (tombstones > MAX_TOMBSTONES && oldest.hasNext()) {
            if (oldest.next().removed()) {
                oldest.remove();
                tombstones--;
            }
        }
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(ClusterCodec.encodePins(new ArrayList<>(pins.values())));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the cluster state in " + file, e);
        }
    }
}
