package io.ipfskit.kit.fs;

import io.ipfskit.multiformats.Cid;
import java.net.URI;
import java.net.URISyntaxException;

/** Parses and builds {@code ipfs://CID/path} URIs; anything else is an {@link IllegalArgumentException}. */
final class IpfsUris {

    private IpfsUris() {
    }

    /** The root CID of an {@code ipfs://CID[/path]} URI. */
    static Cid root(URI uri) {
        if (!IpfsFileSystemProvider.SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()
                || uri.getAuthority() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("not an ipfs://CID/path URI: " + uri);
        }
        try {
            return Cid.parse(uri.getAuthority());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CID in " + uri + ": " + e.getMessage(), e);
        }
    }

    /** The path of the URI below its root CID, {@code "/"} when it has none. */
    static String path(URI uri) {
        return uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    }

    /** The URI of an absolute path below a root CID, its path quoted as URIs require. */
    static URI of(Cid root, String absolutePath) {
        try {
            return new URI(IpfsFileSystemProvider.SCHEME, root.toString(), absolutePath, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
