package io.ipfskit.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ipfs-kit version}: prints the installed version, as {@code ipfs version} does (with --enc=json as JSON). */
@Command(name = "version", description = "Prints the version of this installation.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (((Main) spec.root().userObject()).json) {
            System.out.println("{\"Version\":\"" + Distribution.version() + "\",\"Java\":\"" + System.getProperty("java.version")
                    + "\"}");
        } else {
            System.out.println("ipfs-kit version " + Distribution.version());
        }
        return 0;
    }
}
