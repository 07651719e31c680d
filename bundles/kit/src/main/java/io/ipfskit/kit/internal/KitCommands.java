package io.ipfskit.kit.internal;

import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.kit.fs.IpfsFileSystems;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo {@code ipfs:add PATH}, {@code ipfs:cat CID FILE}, {@code ipfs:ls CID}, {@code ipfs:pin add|rm CID} over the kit,
 * and {@code ipfs:walk CID} through the {@code ipfs://} FileSystem.
 */
@Component(service = KitCommands.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=add",
    "osgi.command.function=cat", "osgi.command.function=ls", "osgi.command.function=pin", "osgi.command.function=walk"})
public final class KitCommands {

    private final IpfsKit kit;

    /** The commands over the kit. */
    @Activate
    public KitCommands(@Reference IpfsKit kit) {
        this.kit = kit;
    }

    /** Adds a local file or directory tree (pinned) and prints its root CID. */
    public String add(String path) throws IOException {
        return "added " + kit.add(Path.of(path)) + " " + Path.of(path).getFileName();
    }

    /** Writes a file's bytes to a new local file. */
    public String cat(String cid, String file) throws IOException {
        try (InputStream in = kit.cat(Cid.parse(cid))) {
            return "wrote " + Files.copy(in, Path.of(file)) + " bytes to " + file;
        }
    }

    /** Lists a directory: CID, size and name per entry, directories with a trailing slash. */
    public String ls(String cid) throws IOException {
        StringJoiner out = new StringJoiner("\n");
        for (DirectoryEntry entry : kit.ls(Cid.parse(cid))) {
            out.add(entry.cid() + " " + entry.size() + " " + entry.name()
                    + (entry.type() == DirectoryEntry.Type.DIRECTORY ? "/" : ""));
        }
        return out.toString();
    }

    /** Walks a DAG through its FileSystem: per regular file its SHA-256 (read with Files), size and path. */
    public String walk(String cid) throws IOException {
        StringJoiner out = new StringJoiner("\n");
        try (FileSystem fs = IpfsFileSystems.open(kit, Cid.parse(cid)); Stream<Path> paths = Files.walk(fs.getPath("/"))) {
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                if (Files.isRegularFile(path)) {
                    out.add(sha256(path) + " " + Files.size(path) + " " + path);
                }
            }
        }
        return out.toString();
    }

    private static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pin add CID} pins recursively, {@code pin rm CID} removes the pin. */
    public String pin(String action, String cid) throws IOException {
        Cid root = Cid.parse(cid);
        return switch (action) {
            case "add" -> {
                kit.pin(root, true);
                yield "pinned " + root + " recursively";
            }
            case "rm" -> kit.unpin(root) ? "unpinned " + root : root + " was not pinned";
            default -> throw new IllegalArgumentException("usage: pin add|rm CID");
        };
    }
}
