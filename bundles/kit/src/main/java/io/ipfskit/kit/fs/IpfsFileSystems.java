package io.ipfskit.kit.fs;

import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.multiformats.Cid;
import java.nio.file.FileSystem;

/**
 * The entry point to {@code ipfs://} file systems. The JDK finds {@link java.nio.file.spi.FileSystemProvider}s once,
 * through {@link java.util.ServiceLoader} on the system class loader, which cannot see classes inside OSGi bundles
 * (and a provider installed there could not follow the kit service as bundles come and go), so
 * {@code Path.of(URI.create("ipfs://..."))} and {@code FileSystems.newFileSystem(uri, env)} are deliberately not wired
 * globally: call {@link #open}, or use the {@link IpfsFileSystemProvider} service (property {@code scheme=ipfs})
 * directly, e.g. {@code provider.newFileSystem(uri, Map.of())} or {@code provider.getPath(uri)}.
 */
public final class IpfsFileSystems {

    private IpfsFileSystems() {
    }

    /** A read-only file system whose root directory is {@code root} (a UnixFS directory or file), read through {@code kit}. */
    public static FileSystem open(IpfsKit kit, Cid root) {
        return new IpfsFileSystemProvider(kit).newFileSystem(root);
    }
}
