package io.ipfskit.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ipfs-kit version}: prints the installed version, as {@code ipfs version} does. */
@Command(name = "version", description = "Prints the version of this installation.")
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("ipfs-kit version " + Distribution.version());
        return 0;
    }
}
