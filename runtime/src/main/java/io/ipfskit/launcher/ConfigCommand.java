package io.ipfskit.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit config KEY [VALUE]} and {@code ipfs-kit config show}, as kubo's: a key is {@code <pid>.<key>}
 * ({@code io.ipfskit.host.lowWater}); a value is checked against the key's type before it is set, and applied at once.
 */
@Command(name = "config", mixinStandardHelpOptions = true, subcommands = ConfigCommand.Show.class,
        description = "Shows or sets one configuration key (<pid>.<key>), or shows them all (config show).")
final class ConfigCommand extends ClientVerb {

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "<pid>.<key>, e.g. io.ipfskit.host.lowWater.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The new value.")
    String value;

    @Override
    public Integer call() {
        if (key == null) {
            throw new LauncherException("a KEY (<pid>.<key>) is required, or: ipfs-kit config show");
        }
        System.out.println(client().call("config", value == null ? new String[] {key} : new String[] {key, value})
                .path("Value").asText());
        return 0;
    }

    /** {@code ipfs-kit config show}: every key of every PID, as JSON. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows every configuration key and its value.")
    static final class Show extends ClientVerb {
        @Override
        public Integer call() {
            System.out.println(ApiClient.pretty(client().call("config/show")));
            return 0;
        }
    }
}
