package io.ipfskit.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit add [PATH...]}: streams files (with {@code -r} directory trees; with no path or {@code -}, standard
 * input) to the node and prints {@code added <cid> <name>} per entry, as {@code ipfs add} does; on a terminal a
 * progress bar of the bytes sent shows for large inputs.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Adds files or directories to the node.")
final class AddCommand extends ClientVerb {

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Files (or directories with -r) to add; none or '-' reads standard input.")
    List<String> paths = List.of();

    @Option(names = "--stdin-name", paramLabel = "NAME", description = "The name of the file read from standard input.")
    String stdinName;

    @Option(names = "--cid-version", paramLabel = "N", description = "CID version: 0 (default) or 1.")
    Integer cidVersion;

    @Option(names = "--raw-leaves", description = "Stores file leaves as raw blocks (default with --cid-version 1).")
    Boolean rawLeaves;

    @Option(names = {"-s", "--chunker"}, paramLabel = "size-N", description = "Chunking, e.g. size-262144 (default).")
    String chunker;

    @Option(names = {"-t", "--trickle"}, description = "Uses the trickle DAG layout.")
    boolean trickle;

    @Option(names = {"-w", "--wrap-with-directory"}, description = "Wraps the inputs in a directory.")
    boolean wrap;

    @Option(names = {"-r", "--recursive"}, description = "Adds directories recursively.")
    boolean recursive;

    @Option(names = {"-H", "--hidden"}, description = "Includes hidden files (names starting with '.') with -r.")
    boolean hidden;

    @Option(names = {"-q", "--quiet"}, description = "Prints only the CIDs.")
    boolean quiet;

    @Option(names = {"-Q", "--quieter"}, description = "Prints only the last CID (the root).")
    boolean quieter;

    @Option(names = {"-n", "--only-hash"}, description = "Computes the CIDs without storing anything.")
    boolean onlyHash;

    @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Pins the added roots (default; --no-pin does not).")
    boolean pin;

    @Option(names = {"-p", "--progress"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Shows the progress bar on a terminal for inputs over 1 MiB (default; --progress=false hides it).")
    boolean progress;

    private long total;

    @Override
    public Integer call() {
        MultipartBody body = new MultipartBody();
        boolean stdin = paths.isEmpty() || paths.contains("-");
        if (stdin && paths.size() > 1) {
            throw new LauncherException("'-' (standard input) cannot be added together with other paths");
        }
        if (stdin) {
            body.stream(stdinName == null ? "" : stdinName, System.in);
        } else {
            paths.forEach(path -> collect(body, Path.of(path)));
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (cidVersion != null) {
            options.put("cid-version", cidVersion.toString());
        }
        if (rawLeaves != null) {
            options.put("raw-leaves", rawLeaves.toString());
        }
        if (chunker != null) {
            options.put("chunker", chunker);
        }
        if (trickle) {
            options.put("trickle", "true");
        }
        if (wrap) {
            options.put("wrap-with-directory", "true");
        }
        if (onlyHash) {
            options.put("only-hash", "true");
        }
        if (!pin) {
            options.put("pin", "false");
        }
        long length = body.length();
        ProgressBar bar = progress && (stdin || total > ProgressBar.THRESHOLD) ? ProgressBar.of(length) : ProgressBar.none();
        String[] last = {null};
        try {
            client().upload("add", options, body, sent -> bar.update(sent, "", false), reply -> {
                if (!reply.has("Hash")) {
                    return;
                }
                last[0] = reply.path("Hash").asText();
                if (!quieter) {
                    bar.clear();
                    String name = stdin && stdinName == null && reply.path("Name").asText().equals("file") ? last[0]
                            : reply.path("Name").asText();
                    System.out.println(quiet ? last[0] : "added " + last[0] + " " + name);
                    System.out.flush();
                }
            });
        } finally {
            bar.clear();
        }
        if (last[0] == null) {
            throw new LauncherException("the node added nothing (its reply broke off)");
        }
        if (quieter) {
            System.out.println(last[0]);
        }
        return 0;
    }

    /** Adds a command-line path: a file under its own name, a directory (with -r) as a tree under its name. */
    private void collect(MultipartBody body, Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        if (!Files.exists(path)) {
            throw new LauncherException("cannot add " + path + ": no such file or directory");
        }
        String top = name == null ? "root" : name.toString();
        if (Files.isDirectory(path)) {
            if (!recursive) {
                throw new LauncherException(path + " is a directory, use the '-r' flag to add directories");
            }
            walk(body, path, top);
        } else {
            file(body, path, top);
        }
    }

    private void walk(MultipartBody body, Path directory, String name) {
        body.directory(name);
        List<Path> children = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.sorted().forEach(children::add);
        } catch (IOException e) {
            throw new LauncherException("cannot read directory " + directory + ": " + e.getMessage());
        }
        for (Path child : children) {
            String childName = child.getFileName().toString();
            if (!hidden && childName.startsWith(".")) {
                continue;
            }
            String path = name + "/" + childName;
            if (Files.isSymbolicLink(child)) {
                try {
                    body.symlink(path, Files.readSymbolicLink(child).toString());
                } catch (IOException e) {
                    throw new LauncherException("cannot read symlink " + child + ": " + e.getMessage());
                }
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                walk(body, child, path);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                file(body, child, path);
            }
        }
    }

    private void file(MultipartBody body, Path file, String name) {
        long size;
        try {
            size = Files.size(file);
            if (!Files.isReadable(file)) {
                throw new IOException("permission denied");
            }
        } catch (NoSuchFileException e) {
            throw new LauncherException("cannot add " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new LauncherException("cannot add " + file + ": " + e.getMessage());
        }
        total += size;
        body.file(name, file, size);
    }
}
