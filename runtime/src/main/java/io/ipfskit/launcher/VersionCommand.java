package io.ipfskit.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ipfs-kit version [-n|-a]}: prints the installed version, as {@code ipfs version} does (with --enc=json as JSON). */
@Command(name = "version", description = "Prints the version of this installation.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--number"}, description = "Prints the version number only.")
    boolean number;

    @Option(names = {"-a", "--all"}, description = "Also prints the system and the Java version, as kubo's (Go's).")
    boolean all;

    @Override
    public Integer call() {
        if (((Main) spec.root().userObject()).json) {
            System.out.println("{\"Version\":\"" + Distribution.version() + "\",\"Java\":\"" + System.getProperty("java.version")
                    + "\"}");
        } else if (number) {
            System.out.println(Distribution.version());
        } else if (all) {
            System.out.println("ipfs-kit version: " + Distribution.version());
            System.out.println("System version: " + System.getProperty("os.arch") + "/" + System.getProperty("os.name").toLowerCase());
            System.out.println("Java version: " + System.getProperty("java.version"));
        } else {
            System.out.println("ipfs-kit version " + Distribution.version());
        }
        return 0;
    }
}
