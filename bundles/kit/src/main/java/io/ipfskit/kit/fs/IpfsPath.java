package io.ipfskit.kit.fs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Unix-like path in an {@link IpfsFileSystem}: optional leading {@code /}, names split on {@code /} (empty names
 * dropped); the working directory is the root, and {@code .}/{@code ..} are resolved only by {@link #normalize}.
 */
final class IpfsPath implements Path {

    private final IpfsFileSystem fs;
    private final boolean absolute;
    private final List<String> names;

    private IpfsPath(IpfsFileSystem fs, boolean absolute, List<String> names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = List.copyOf(names);
    }

    /** Parses a path string; a NUL character is an {@link IllegalArgumentException}. */
    static IpfsPath parse(IpfsFileSystem fs, String path) {
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL character in path: " + path.replace('\0', '?'));
        }
        List<String> names = Arrays.stream(path.split("/")).filter(name -> !name.isEmpty()).toList();
        return new IpfsPath(fs, path.startsWith("/"), names);
    }

    /** The path as an {@link IpfsPath} of this path's file system, or {@link ProviderMismatchException}. */
    IpfsPath cast(Path other) {
        if (!(other instanceof IpfsPath path) || !path.fs.equals(fs)) {
            throw new ProviderMismatchException("not a path of " + fs + ": " + other);
        }
        return path;
    }

    @Override
    public IpfsFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new IpfsPath(fs, true, List.of()) : null;
    }

    @Override
    public Path getFileName() {
        return names.isEmpty() ? null : new IpfsPath(fs, false, names.subList(names.size() - 1, names.size()));
    }

    @Override
    public Path getParent() {
        if (names.isEmpty() || (names.size() == 1 && !absolute)) {
            return null;
        }
        return new IpfsPath(fs, absolute, names.subList(0, names.size() - 1));
    }

    @Override
    public int getNameCount() {
        return names.size();
    }

    @Override
    public Path getName(int index) {
        return subpath(index, index + 1);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || endIndex > names.size() || beginIndex >= endIndex) {
            throw new IllegalArgumentException("no names " + beginIndex + ".." + endIndex + " in " + this);
        }
        return new IpfsPath(fs, false, names.subList(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        IpfsPath prefix = cast(other);
        return prefix.absolute == absolute && prefix.names.size() <= names.size()
                && names.subList(0, prefix.names.size()).equals(prefix.names);
    }

    @Override
    public boolean endsWith(Path other) {
        IpfsPath suffix = cast(other);
        if (suffix.absolute) {
            return equals(suffix);
        }
        return suffix.names.size() <= names.size()
                && names.subList(names.size() - suffix.names.size(), names.size()).equals(suffix.names);
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            if (name.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!name.equals(".") && !(name.equals("..") && absolute)) {
                out.add(name);
            }
        }
        return new IpfsPath(fs, absolute, out);
    }

    @Override
    public Path resolve(Path other) {
        IpfsPath child = cast(other);
        if (child.absolute) {
            return child;
        }
        List<String> joined = new ArrayList<>(names);
        joined.addAll(child.names);
        return new IpfsPath(fs, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        IpfsPath target = cast(other);
        if (target.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize " + other + " against " + this
                    + ": one is absolute, the other is not");
        }
        int common = 0;
        while (common < names.size() && common < target.names.size()
                && names.get(common).equals(target.names.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.size(); i++) {
            out.add("..");
        }
        out.addAll(target.names.subList(common, target.names.size()));
        return new IpfsPath(fs, false, out);
    }

    @Override
    public URI toUri() {
        return IpfsUris.of(fs.root(), toAbsolutePath().toString());
    }

    @Override
    public IpfsPath toAbsolutePath() {
        return absolute ? this : new IpfsPath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        Path real = toAbsolutePath().normalize();
        fs.provider().checkAccess(real);
        return real;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("ipfs content is immutable: nothing to watch");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(cast(other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpfsPath other && other.absolute == absolute && other.names.equals(names)
                && other.fs.equals(fs);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        return (absolute ? "/" : "") + String.join("/", names);
    }
}
