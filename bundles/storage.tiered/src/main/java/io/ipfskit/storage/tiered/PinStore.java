package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.PinType;
import io.ipfskit.multiformats.Cid;
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

/** The pin set, kept in one text file of {@code <type> <cid>} lines that is replaced atomically on every change. */
final class PinStore {

    private final Path file;
    private final Map<Cid, PinType> pins = new LinkedHashMap<>();

    /** Loads the pins from {@code file} (none when it does not exist). */
    PinStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                if (parts.length != 2) {
                    throw new IOException("malformed pin line in " + file + ": " + line);
                }
                try {
                    pins.put(Cid.parse(parts[1]), PinType.valueOf(parts[0].toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IOException("malformed pin line in " + file + ": " + line, e);
                }
            }
        }
    }

    /** A copy of the pins. */
    synchronized Map<Cid, PinType> all() {
        return Map.copyOf(pins);
    }

    /** Whether the CID is a pinned root. */
    synchronized boolean isRoot(Cid cid) {
        return pins.containsKey(cid);
    }

    /** Adds or changes a pin and saves. */
    synchronized void put(Cid cid, PinType type) throws IOException {
        PinType previous = pins.put(cid, type);
        if (previous != type) {
            save();
        }
    }

    /** Removes a pin and saves; returns whether it existed. */
    synchronized boolean remove(Cid cid) throws IOException {
        if (pins.remove(cid) == null) {
            return false;
        }
        save();
        return true;
    }

    private void save() throws IOException {
        StringBuilder text = new StringBuilder();
        pins.forEach((cid, type) -> text.append(type.name().toLowerCase(Locale.ROOT)).append(' ').append(cid).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
