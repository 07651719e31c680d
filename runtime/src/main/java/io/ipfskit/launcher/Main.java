package io.ipfskit.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ipfs-kit} command: runs a node ({@code daemon}), opens its shell, or talks to it through the RPC API. */
@Command(name = "ipfs-kit", mixinStandardHelpOptions = true, versionProvider = Distribution.class,
        description = "A peer-to-peer IPFS node for the JVM, built on Apache Felix.",
        subcommands = {DaemonCommand.class, ShellCommand.class, IdCommand.class, SwarmCommand.class, PingCommand.class,
            VersionCommand.class, AddCommand.class, CatCommand.class, GetCommand.class, LsCommand.class, PinCommand.class,
            RepoCommand.class, DagCommand.class, BlockCommand.class, StorageCommand.class, RoutingCommand.class,
            BitswapCommand.class})
public final class Main implements Runnable {

    @Mixin
    RepoOption repo;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        LogSetup.apply(LogLevels.defaults());
        System.exit(commandLine().execute(args));
    }

    /** The command line with one-line errors: 2 for bad usage, 1 for a failure. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("Error: " + e.getMessage() + " (see ipfs-kit --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof LauncherException) {
                line.getErr().println("Error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine;
    }
}
