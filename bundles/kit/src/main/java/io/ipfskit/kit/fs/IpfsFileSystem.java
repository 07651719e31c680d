package io.ipfskit.kit.fs;

import io.ipfskit.multiformats.Cid;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The read-only tree below one root CID, with {@code /} as separator; content is immutable, so two file systems of
 * the same provider and root are equal and closing one only closes that instance.
 */
final class IpfsFileSystem extends FileSystem {

    private final IpfsFileSystemProvider provider;
    private final Cid root;
    private volatile boolean open = true;

    IpfsFileSystem(IpfsFileSystemProvider provider, Cid root) {
        this.provider = Objects.requireNonNull(provider);
        this.root = Objects.requireNonNull(root);
    }

    /** The CID of the root directory. */
    Cid root() {
        return root;
    }

    /** Throws {@link ClosedFileSystemException} once closed. */
    void checkOpen() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
    }

    @Override
    public IpfsFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(IpfsPath.parse(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        return IpfsPath.parse(this, more.length == 0 ? first : first + "/" + String.join("/", more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(Path.of(path.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("ipfs file systems have no users");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("ipfs content is immutable: nothing to watch");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpfsFileSystem other && other.provider == provider && other.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return IpfsFileSystemProvider.SCHEME + "://" + root;
    }
}
