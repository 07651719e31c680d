package io.ipfskit.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code ipfs-kit} command: runs a node ({@code daemon}), opens its shell, or talks to it through the RPC API. */
@Command(name = "ipfs-kit", mixinStandardHelpOptions = true, versionProvider = Distribution.class,
        description = "A peer-to-peer IPFS node for the JVM, built on Apache Felix.",
        subcommands = {DaemonCommand.class, ShellCommand.class, IdCommand.class, SwarmCommand.class, PingCommand.class,
            VersionCommand.class, AddCommand.class, CatCommand.class, GetCommand.class, LsCommand.class, PinCommand.class,
            RepoCommand.class, DagCommand.class, BlockCommand.class, StorageCommand.class, RoutingCommand.class,
            DhtCommand.class, DhtCommand.Stats.class,
            BitswapCommand.class, BundleCommand.class, ShutdownCommand.class, PubsubCommand.class, RefsCommand.class,
            InitCommand.class, ConfigCommand.class, ClusterCommand.class, BootstrapCommand.class})
public final class Main implements Runnable {

    @Mixin
    RepoOption repo;

    /** kubo's global {@code --offline}: the node (daemon) or this request (client verbs) never fetches from the network. */
    @Option(names = "--offline", scope = ScopeType.INHERIT,
            description = "Never fetch content from the network: a block the node lacks is an error.")
    boolean offline;

    /** kubo's global {@code --api}: client verbs talk to the API at this address instead of the repo's. */
    @Option(names = "--api", paramLabel = "MULTIADDR",
            description = "Use the node API at this address (default: the one in <repo>/api); give it before the verb.")
    String api;

    /** kubo's global {@code --enc}: {@code json} prints the API's replies, one JSON value per line, instead of text. */
    @Option(names = "--enc", scope = ScopeType.INHERIT, paramLabel = "text|json", defaultValue = "text",
            description = "Output encoding: text (default) or json (the API's replies, one JSON value per line).")
    void encoding(String value) {
        if (!value.equals("text") && !value.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--enc: expected text or json, not '" + value + "'");
        }
        json = value.equals("json");
    }

    boolean json;

    /** kubo's global {@code --timeout}: a client verb's request gives up after this long. */
    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION",
            description = "Give up on the request after this long (a Go duration: 30s, 1m30s, 500ms).")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The options every request of a client verb carries: kubo's {@code offline} and {@code timeout}. */
    Map<String, String> requestOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        if (offline) {
            options.put("offline", "true");
        }
        if (timeout != null) {
            options.put("timeout", timeout);
        }
        return options;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        LogSetup.apply(LogLevels.defaults());
        System.exit(commandLine().execute(args));
    }

    /** The command line with one-line errors and kubo's exit status: 1 for bad usage as for a failure. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((thrown, args) -> {
            ParameterException e = UnknownVerb.reported(thrown);
            e.getCommandLine().getErr().println("Error: " + UnknownVerb.message(e).orElse(e.getMessage())
                    + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 1;
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
