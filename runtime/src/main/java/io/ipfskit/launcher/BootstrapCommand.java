package io.ipfskit.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ipfs-kit bootstrap list}: the bootstrap peers the node uses, one per line, as {@code ipfs bootstrap list}. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, description = "Shows the bootstrap peers.",
        subcommands = BootstrapCommand.ListPeers.class)
final class BootstrapCommand {

    @Mixin
    RepoOption repo;

    /** {@code bootstrap list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the bootstrap peers' addresses.")
    static final class ListPeers extends ClientVerb {
        @Override
        public Integer call() {
            client().call("bootstrap/list").path("Peers").forEach(address -> System.out.println(address.asText()));
            return 0;
        }
    }
}
