package io.ipfskit.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit get CID}: fetches a file or directory tree as the node's tar stream and writes it under the CID's
 * name (or {@code -o}); entries are extracted into a staging directory next to the target, refusing absolute paths,
 * {@code ..}, links and anything that would land outside, then moved into place; an existing target is never replaced.
 */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Downloads a file or directory tree.")
final class GetCommand extends ClientVerb {

    @Parameters(paramLabel = "CID", description = "CID or /ipfs/ path.")
    String path;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Where to write (default: the CID's name).")
    Path output;

    @Override
    public Integer call() {
        String trimmed = path.replaceAll("/+$", "");
        Path target = (output != null ? output : Path.of(trimmed.substring(trimmed.lastIndexOf('/') + 1)))
                .toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new LauncherException(target + " already exists");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new LauncherException("no directory " + parent + " to write " + target.getFileName() + " into");
        }
        ApiClient client = client();
        InputStream tar = client.download("get", Map.of(), path);
        Path staging;
        try {
            staging = Files.createTempDirectory(parent, ".ipfs-kit-get-");
        } catch (IOException e) {
            throw new LauncherException("cannot write into " + parent + ": " + e.getMessage());
        }
        ProgressBar bar = ProgressBar.of(-1);
        try {
            Path root = staging.resolve("root");
            extract(tar, staging, root, bar);
            bar.clear();
            try {
                Files.move(root, target);
            } catch (FileAlreadyExistsException e) {
                throw new LauncherException(target + " already exists");
            } catch (IOException e) {
                throw new LauncherException("cannot move the download to " + target + ": " + e.getMessage());
            }
            System.out.println("Saving file(s) to " + output(target));
        } finally {
            bar.clear();
            delete(staging);
        }
        return 0;
    }

    private static String output(Path target) {
        Path here = Path.of("").toAbsolutePath();
        return target.startsWith(here) && !target.equals(here) ? here.relativize(target).toString() : target.toString();
    }

    /** Writes the archive's single root (whatever its name) as {@code root}, everything under it inside it. */
    private static void extract(InputStream in, Path staging, Path root, ProgressBar bar) {
        long received = 0;
        String rootName = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            Path real = staging.toRealPath();
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
                    throw new LauncherException("refusing unsafe path in the archive: " + name);
                }
                String[] segments = name.replaceAll("/+$", "").split("/");
                for (String segment : segments) {
                    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                        throw new LauncherException("refusing unsafe path in the archive: " + name);
                    }
                }
                if (rootName == null) {
                    rootName = segments[0];
                } else if (!segments[0].equals(rootName) || segments.length == 1) {
                    throw new LauncherException("the archive holds more than one root: " + name);
                }
                Path destination = root;
                for (int i = 1; i < segments.length; i++) {
                    destination = destination.resolve(segments[i]);
                }
                destination = destination.normalize();
                if (!destination.startsWith(root)) {
                    throw new LauncherException("refusing unsafe path in the archive: " + name);
                }
                Path parent = destination.getParent();
                if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS) || !parent.toRealPath().startsWith(real)) {
                    throw new LauncherException("the archive puts " + name + " outside a directory it created");
                }
                if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                    throw new LauncherException("the archive holds " + name + " twice");
                }
                if (entry.isDirectory()) {
                    Files.createDirectory(destination);
                } else if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        byte[] buffer = new byte[65536];
                        long size = entry.getSize();
                        if (bar.enabled() && size > ProgressBar.THRESHOLD) {
                            bar.total(size);
                        } else {
                            bar.total(-1);
                        }
                        long written = 0;
                        for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
                            out.write(buffer, 0, n);
                            written += n;
                            received += n;
                            if (received > ProgressBar.THRESHOLD) {
                                bar.update(size > ProgressBar.THRESHOLD ? written : received,
                                        size > ProgressBar.THRESHOLD ? segments[segments.length - 1] + " " : "", false);
                            }
                        }
                        if (written != size) {
                            throw new LauncherException("the archive broke off inside " + name);
                        }
                    }
                } else {
                    throw new LauncherException("refusing archive entry of unsupported type: " + name);
                }
            }
        } catch (IOException e) {
            throw new LauncherException("cannot extract the download: " + e.getMessage());
        }
        if (rootName == null) {
            throw new LauncherException("the node sent an empty archive");
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover staging directory is harmless and named as such
                }
            });
        } catch (IOException e) {
            // the staging directory is already gone
        }
    }
}
