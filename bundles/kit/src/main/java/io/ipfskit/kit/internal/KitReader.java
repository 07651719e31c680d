package io.ipfskit.kit.internal;

import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.BlockSource;
import io.ipfskit.unixfs.DirEntry;
import io.ipfskit.unixfs.Exporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The kit's reads over one call's blocks: a missing block is a {@link NoSuchFileException} wherever it is met,
 * mid-stream included; directory entry names from the DAG are checked before they name anything on disk.
 */
final class KitReader {

    /** Deepest directory tree {@link #get} writes, bounding the recursion an untrusted DAG can cause. */
    static final int MAX_DEPTH = 256;

    private final Exporter exporter;

    /** Reads from the source (a session of the call). */
    KitReader(BlockSource source) {
        this.exporter = new Exporter(new BlockSource() {
            @Override
            public Optional<byte[]> get(Cid cid) throws IOException {
                return Optional.of(source.get(cid)
                        .orElseThrow(() -> new NoSuchFileException(cid.toString(), null, "block not found")));
            }

            @Override
            public void prefetch(List<Cid> cids) {
                source.prefetch(cids);
            }
        });
    }

    /** The bytes of a file. */
    InputStream cat(Cid cid, long offset, long length) throws IOException {
        DirectoryEntry entry = entry(cid.toString(), cid);
        if (entry.type() != DirectoryEntry.Type.FILE) {
            throw new FileSystemException(cid.toString(), null, "not a file but a " + entry.type());
        }
        return exporter.cat(cid, offset, length);
    }

    /** Writes a file, symbolic link or directory tree to {@code target}, which must not exist yet. */
    void get(Cid cid, Path target) throws IOException {
        write(entry(cid.toString(), cid), target, 0);
    }

    /** The entries of a directory, in their stored order. */
    List<DirectoryEntry> ls(Cid cid) throws IOException {
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

    /** The entry a slash-separated path of names below {@code root} leads to (named "" for the root itself). */
    DirectoryEntry resolve(Cid root, String path) throws IOException {
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
