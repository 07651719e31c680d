package io.ipfskit.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --repo} option, accepted before or after the verb. */
final class RepoOption {

    @Option(names = "--repo", paramLabel = "DIR", description = "Repository directory (default: $IPFS_KIT_PATH, else ~/.ipfs-kit).")
    Path repo;

    /** The repo given here, else the one given to the parent command, else the environment's, else the default. */
    static Path resolve(RepoOption own, RepoOption parent) {
        if (own != null && own.repo != null) {
            return own.repo.toAbsolutePath().normalize();
        }
        if (parent != null && parent.repo != null) {
            return parent.repo.toAbsolutePath().normalize();
        }
        String env = System.getenv("IPFS_KIT_PATH");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".ipfs-kit");
    }
}
