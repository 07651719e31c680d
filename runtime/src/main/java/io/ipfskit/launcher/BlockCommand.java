package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit block stat CID}: a stored block's key and size, as {@code ipfs block stat} prints them. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Inspects raw blocks.",
        subcommands = BlockCommand.Stat.class)
final class BlockCommand {

    @Mixin
    RepoOption repo;

    /** {@code block stat CID}. */
    @Command(name = "stat", mixinStandardHelpOptions = true, description = "Shows a stored block's CID and size.")
    static final class Stat extends ClientVerb {
        @Parameters(paramLabel = "CID", description = "The block's CID.")
        String cid;

        @Override
        public Integer call() {
            JsonNode stat = client().call("block/stat", cid);
            System.out.println("Key: " + stat.path("Key").asText());
            System.out.println("Size: " + stat.path("Size").asText());
            return 0;
        }
    }
}
