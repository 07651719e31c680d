package io.ipfskit.kit.internal;

import io.ipfskit.api.kit.AddOptions;
import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.DirEntry;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.Importer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link IpfsKit} over the node's {@link Blockstore} and {@link Pinning}: the unixfs importer writes each block as it is
 * made (GC held off from the first block to the pin) and the exporter reads block by block, so no file is ever held
 * whole; directory entry names from the DAG are checked before they name anything on disk.
 */
@Component(service = IpfsKit.class)
public final class KitService implements IpfsKit {

    /** Deepest directory tree {@link #get} writes, bounding the recursion an untrusted DAG can cause. */
    static final int MAX_DEPTH = 256;

    private final Blockstore blockstore;
    private final Pinning pinning;
    private final Exporter exporter;

    /** The kit over the node's blockstore and pins. */
    @Activate
    public KitService(@Reference Blockstore blockstore, @Reference Pinning pinning) {
        this.blockstore = blockstore;
        this.pinning = pinning;
        // A missing block is a NoSuchFileException wherever the exporter meets it, mid-stream included.
        this.exporter = new Exporter(cid -> Optional.of(blockstore.get(cid)
                .orElseThrow(() -> new NoSuchFileException(cid.toString(), null, "block not found"))));
    }

    @Override
    public Cid add(byte[] data) throws IOException {
        return add(new ByteArrayInputStream(data), AddOptions.DEFAULTS);
    }

    @Override
    public Cid add(InputStream in, AddOptions options) throws IOException {
        if (options.wrapWithDirectory()) {
            throw new IllegalArgumentException("wrapWithDirectory needs an entry name: add a Path instead");
        }
        try (GcLock hold = pinning.gcLock()) {
            return pinned(importer(options).file(in));
        }
    }

    @Override
    public Cid add(Path path) throws IOException {
        return add(path, AddOptions.DEFAULTS);
    }

    @Override
    public Cid add(Path path, AddOptions options) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path.toString());
        }
        Path name = path.toAbsolutePath().normalize().getFileName();
        if (options.wrapWithDirectory() && name == null) {
            throw new IllegalArgumentException("cannot wrap a file system root: " + path);
        }
        Importer importer = importer(options);
        try (GcLock hold = pinning.gcLock()) {
            Imported imported = importer.path(path, false);
            if (options.wrapWithDirectory()) {
                imported = importer.wrap(name.toString(), imported);
            }
            return pinned(imported);
        }
    }

    @Override
    public InputStream cat(Cid cid) throws IOException {
        return cat(cid, 0, -1);
    }

    @Override
    public InputStream cat(Cid cid, long offset, long length) throws IOException {
        DirectoryEntry entry = entry(cid.toString(), cid);
        if (entry.type() != DirectoryEntry.Type.FILE) {
            throw new FileSystemException(cid.toString(), null, "not a file but a " + entry.type());
        }
        return exporter.cat(cid, offset, length);
    }

    @Override
    public void get(Cid cid, Path target) throws IOException {
        write(entry(cid.toString(), cid), target, 0);
    }

    @Override
    public List<DirectoryEntry> ls(Cid cid) throws IOException {
        if (entry(cid.toString(), cid).type() != DirectoryEntry.Type.DIRECTORY) {
            throw new NotDirectoryException(cid.toString());
        }
        List<DirEntry> links = exporter.ls(cid);
        List<DirectoryEntry> entries = new ArrayList<>(links.size());
        for (DirEntry link : links) {
            checkName(cid, link.name());
            entries.add(entry(link.name(), link.cid()));
        }
        return entries;
    }

    @Override
    public DirectoryEntry resolve(Cid root, String path) throws IOException {
        DirectoryEntry entry = entry("", root);
        StringBuilder walked = new StringBuilder(root.toString());
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw new IllegalArgumentException("\"..\" in an IPFS path: " + path);
            }
            if (entry.type() != DirectoryEntry.Type.DIRECTORY) {
                throw new NotDirectoryException(walked.toString());
            }
            walked.append('/').append(name);
            Cid child;
            try {
                child = exporter.resolve(entry.cid(), name);
            } catch (NoSuchElementException e) {
                throw new NoSuchFileException(walked.toString());
            }
            entry = entry(name, child);
        }
        return entry;
    }

    @Override
    public void pin(Cid cid, boolean recursive) throws IOException {
        if (!blockstore.has(cid)) {
            throw new NoSuchFileException(cid.toString(), null, "block not found");
        }
        try {
            pinning.pin(cid, recursive ? PinType.RECURSIVE : PinType.DIRECT);
        } catch (NoSuchElementException e) {
            throw new NoSuchFileException(cid.toString(), null, e.getMessage());
        }
    }

    @Override
    public boolean unpin(Cid cid) throws IOException {
        return pinning.unpin(cid);
    }

    @Override
    public RepoStat stat() throws IOException {
        return pinning.stat();
    }

    private Importer importer(AddOptions options) {
        return new Importer(new ImportOptions(options.cidVersion(), options.rawLeaves(), options.chunkSize(),
                options.trickle()), blockstore::put);
    }

    private Cid pinned(Imported imported) throws IOException {
        pin(imported.cid(), true);
        return imported.cid();
    }

    private DirectoryEntry entry(String name, Cid cid) throws IOException {
        if (exporter.isDirectory(cid)) {
            return new DirectoryEntry(name, cid, 0, DirectoryEntry.Type.DIRECTORY);
        }
        Optional<String> target = exporter.symlinkTarget(cid);
        if (target.isPresent()) {
            return new DirectoryEntry(name, cid, target.get().getBytes(StandardCharsets.UTF_8).length,
                    DirectoryEntry.Type.SYMLINK);
        }
        return new DirectoryEntry(name, cid, exporter.size(cid), DirectoryEntry.Type.FILE);
    }

    private void write(DirectoryEntry entry, Path target, int depth) throws IOException {
        switch (entry.type()) {
            case FILE -> {
                try (InputStream in = exporter.cat(entry.cid(), 0, -1)) {
                    Files.copy(in, target);
                }
            }
            case SYMLINK -> Files.createSymbolicLink(target, Path.of(exporter.symlinkTarget(entry.cid()).orElseThrow()));
            case DIRECTORY -> {
                if (depth >= MAX_DEPTH) {
                    throw new IOException("directory tree deeper than " + MAX_DEPTH + " levels at " + entry.cid());
                }
                Files.createDirectory(target);
                for (DirectoryEntry child : ls(entry.cid())) {
                    write(child, target.resolve(child.name()), depth + 1);
                }
            }
        }
    }

    private static void checkName(Cid directory, String name) throws IOException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IOException("invalid entry name \"" + name + "\" in directory " + directory);
        }
    }
}
