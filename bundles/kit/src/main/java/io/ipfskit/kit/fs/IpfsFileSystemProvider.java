package io.ipfskit.kit.fs;

import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The read-only {@code ipfs://CID/path} provider over an {@link IpfsKit}, registered as a {@link FileSystemProvider}
 * service with {@code scheme=ipfs} (see {@link IpfsFileSystems} for why it is not installed in the JDK). Every write
 * throws {@link ReadOnlyFileSystemException} and a WRITE access check {@link AccessDeniedException}; symbolic links are
 * reported, never followed. File systems are values here: {@link #newFileSystem(URI, Map)} and
 * {@link #getFileSystem(URI)} both return a fresh view of the URI's root, equal to every other view of it.
 */
@Component(service = FileSystemProvider.class, property = "scheme=" + IpfsFileSystemProvider.SCHEME)
public final class IpfsFileSystemProvider extends FileSystemProvider {

    /** The URI scheme. */
    public static final String SCHEME = "ipfs";

    private static final Set<OpenOption> WRITE_OPTIONS = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.DELETE_ON_CLOSE);

    private final IpfsKit kit;

    /** The provider reading through the kit. */
    @Activate
    public IpfsFileSystemProvider(@Reference IpfsKit kit) {
        this.kit = kit;
    }

    /** A file system rooted at the CID. */
    public FileSystem newFileSystem(Cid root) {
        return new IpfsFileSystem(this, root);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** The file system of {@code ipfs://CID} (a path, if any, must be {@code /}); {@code env} is ignored. */
    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        Cid root = IpfsUris.root(uri);
        if (!IpfsUris.path(uri).equals("/")) {
            throw new IllegalArgumentException("a file system URI names a root CID only, use getPath for " + uri);
        }
        return newFileSystem(root);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return newFileSystem(uri, Map.of());
    }

    @Override
    public Path getPath(URI uri) {
        return newFileSystem(IpfsUris.root(uri)).getPath(IpfsUris.path(uri));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        DirectoryEntry file = file(path, options);
        return new IpfsChannel(kit, file.cid(), file.size());
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        return kit.cat(file(path, Set.of(options)).cid());
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        DirectoryEntry entry = entry(dir);
        if (entry.type() != DirectoryEntry.Type.DIRECTORY) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> children = new ArrayList<>();
        for (DirectoryEntry child : kit.ls(entry.cid())) {
            children.add(dir.resolve(child.name()));
        }
        return new IpfsDirectoryStream(children, filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createLink(Path link, Path existing) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return path.equals(path2) || entry(path).cid().equals(entry(path2).cid());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("ipfs file systems have no file store");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        DirectoryEntry entry = entry(path);
        for (AccessMode mode : modes) {
            if (mode == AccessMode.WRITE
                    || (mode == AccessMode.EXECUTE && entry.type() != DirectoryEntry.Type.DIRECTORY)) {
                throw new AccessDeniedException(path.toString(), null, mode + " denied: ipfs content is read-only");
            }
        }
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        return type.cast(new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return IpfsFileSystemProvider.this.readAttributes(path, BasicFileAttributes.class);
            }

            @Override
            public void setTimes(FileTime modified, FileTime access, FileTime create) {
                throw new ReadOnlyFileSystemException();
            }
        });
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type != BasicFileAttributes.class) {
            throw new UnsupportedOperationException("only BasicFileAttributes are supported, not " + type.getName());
        }
        return type.cast(new IpfsAttributes(entry(path)));
    }

    /** The {@code basic} view's attributes: {@code [basic:]name,name...} or {@code *}. */
    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        int colon = attributes.indexOf(':');
        if (colon >= 0 && !attributes.substring(0, colon).equals("basic")) {
            throw new UnsupportedOperationException("only the basic attribute view is supported: " + attributes);
        }
        Map<String, Object> all = new IpfsAttributes(entry(path)).asMap();
        Map<String, Object> selected = new LinkedHashMap<>();
        for (String name : attributes.substring(colon + 1).split(",")) {
            if (name.equals("*")) {
                selected.putAll(all);
            } else if (all.containsKey(name)) {
                selected.put(name, all.get(name));
            } else {
                throw new IllegalArgumentException("unknown basic attribute \"" + name + "\"");
            }
        }
        return selected;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    /** The regular file a path names; any option that would write is a {@link ReadOnlyFileSystemException}. */
    private DirectoryEntry file(Path path, Set<? extends OpenOption> options) throws IOException {
        if (options.stream().anyMatch(WRITE_OPTIONS::contains)) {
            throw new ReadOnlyFileSystemException();
        }
        DirectoryEntry entry = entry(path);
        if (entry.type() != DirectoryEntry.Type.FILE) {
            throw new FileSystemException(path.toString(), null, "not a regular file but a " + entry.type());
        }
        return entry;
    }

    /** What a path names, resolved from its file system's root after normalizing; errors name the path. */
    private DirectoryEntry entry(Path path) throws IOException {
        if (!(path instanceof IpfsPath ipfsPath) || ipfsPath.getFileSystem().provider() != this) {
            throw new ProviderMismatchException("not an ipfs path of this provider: " + path);
        }
        IpfsFileSystem fs = ipfsPath.getFileSystem();
        fs.checkOpen();
        try {
            return kit.resolve(fs.root(), ipfsPath.toAbsolutePath().normalize().toString());
        } catch (NotDirectoryException e) {
            throw new NotDirectoryException(path.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, e.getMessage());
        }
    }
}
