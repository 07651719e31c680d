package io.ipfskit.kit.internal;

import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo {@code ipfs:add PATH}, {@code ipfs:cat CID FILE}, {@code ipfs:ls CID}, {@code ipfs:pin add|rm CID} over the kit. */
@Component(service = KitCommands.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=add",
    "osgi.command.function=cat", "osgi.command.function=ls", "osgi.command.function=pin"})
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
