package io.ipfskit.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.IVersionProvider;

/** Where the distribution is installed and which version it is. */
final class Distribution implements IVersionProvider {

    /** The install directory (holding bin/, lib/, features/), from the start script. */
    static Path home() {
        String home = System.getProperty("ipfskit.home");
        if (home == null) {
            throw new LauncherException("ipfskit.home is not set: start the node with bin/ipfs-kit");
        }
        return Path.of(home);
    }

    /** The version written at build time. */
    static String version() {
        try {
            return Files.readString(home().resolve("VERSION")).trim();
        } catch (IOException e) {
            throw new LauncherException("cannot read the distribution's VERSION file: " + e.getMessage());
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ipfs-kit version " + version()};
    }
}
