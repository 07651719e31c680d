package io.ipfskit.node;

import io.ipfskit.api.node.RuntimeProperties;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Where the repo is and which version runs, as the launcher tells the framework. */
final class Repo {

    private Repo() {
    }

    /** The repo: the {@code ipfskit.repo} framework property, else {@code $IPFS_KIT_PATH}, else {@code ~/.ipfs-kit}. */
    static Path path(BundleContext context) {
        String configured = context.getProperty(RuntimeProperties.REPO);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("IPFS_KIT_PATH");
        }
        if (configured == null || configured.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".ipfs-kit");
        }
        return Path.of(configured).toAbsolutePath();
    }

    /** The distribution's version, else this bundle's. */
    static String version(BundleContext context) {
        String version = context.getProperty(RuntimeProperties.VERSION);
        return version != null ? version : context.getBundle().getVersion().toString();
    }
}
