package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.PinType;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pin set keyed by multihash (a root pinned under any CID of its multihash is one pin, kept with the CID it was
 * last pinned as), in one text file of {@code <type> <cid>} lines that is replaced atomically and synced on every
 * change. Each change bumps {@link #version()}, so what is derived from the pins can be cached.
 */
final class PinStore {

    /** One pinned root: the CID it was pinned as, and how. */
    record Pin(Cid cid, PinType type) {
    }

    private final Path file;
    private final Map<Multihash, Pin> pins = new LinkedHashMap<>();
    private long version;

    /** Loads the pins from {@code file} (none when it does not exist); a root listed twice keeps its stronger pin. */
    PinStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Pin pin = parse(line);
                    pins.merge(pin.cid().multihash(), pin, (old, now) -> old.type() == PinType.RECURSIVE ? old : now);
                }
            }
        }
    }

    /** A copy of the pins, by the CID each root was pinned as. */
    synchronized Map<Cid, PinType> all() {
        Map<Cid, PinType> copy = new LinkedHashMap<>();
        pins.values().forEach(pin -> copy.put(pin.cid(), pin.type()));
        return copy;
    }

    /** The pin of the root with this multihash, if any. */
    synchronized Optional<Pin> get(Multihash root) {
        return Optional.ofNullable(pins.get(root));
    }

    /** Incremented by every change. */
    synchronized long version() {
        return version;
    }

    /** Adds or changes a pin and saves. */
    synchronized void put(Cid cid, PinType type) throws IOException {
        if (type == PinType.INDIRECT) {
            throw new IllegalArgumentException("indirect pins are derived, never stored");
        }
        Pin previous = pins.put(cid.multihash(), new Pin(cid, type));
        if (previous == null || previous.type() != type || !previous.cid().equals(cid)) {
            saveOrUndo(cid.multihash(), previous);
        }
    }

    /** Removes the pin of the root with this multihash and saves; returns whether it existed. */
    synchronized boolean remove(Multihash root) throws IOException {
        Pin previous = pins.remove(root);
        if (previous == null) {
            return false;
        }
        saveOrUndo(root, previous);
        return true;
    }

    /** Saves the changed set; if that fails, puts the root's previous pin back so memory and file agree. */
    private void saveOrUndo(Multihash root, Pin previous) throws IOException {
        try {
            save();
        } catch (IOException | RuntimeException e) {
            if (previous == null) {
                pins.remove(root);
            } else {
                pins.put(root, previous);
            }
            throw e;
        }
    }

    private static Pin parse(String line) throws IOException {
        String[] parts = line.trim().split(" ");
        try {
            PinType type = PinType.valueOf(parts[0].toUpperCase(Locale.ROOT));
            if (parts.length != 2 || type == PinType.INDIRECT) {
                throw new IllegalArgumentException("expected '<direct|recursive> <cid>'");
            }
            return new Pin(Cid.parse(parts[1]), type);
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed pin line \"" + line + "\": " + e.getMessage(), e);
        }
    }

    private void save() throws IOException {
        StringBuilder text = new StringBuilder();
        pins.values().forEach(pin -> text.append(pin.type().name().toLowerCase(Locale.ROOT)).append(' ')
                .append(pin.cid()).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(parent, StandardOpenOption.READ)) {
            dir.force(true);
        }
        version++;
    }
}
