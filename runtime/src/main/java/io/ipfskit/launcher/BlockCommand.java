package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit block stat|rm}: stored blocks, as {@code ipfs block} prints them. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Inspects and removes raw blocks.",
        subcommands = {BlockCommand.Stat.class, BlockCommand.Rm.class})
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

    /**
     * {@code block rm [-f] [-q] CID...}: kubo's lines, {@code removed CID} per block, {@code cannot remove CID: why} on
     * stderr for each refusal (a pinned block, a missing one without {@code -f}), and a failure if any was refused.
     */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes blocks (pinned blocks are refused).")
    static final class Rm extends ClientVerb {
        @Option(names = {"-f", "--force"}, description = "Ignores blocks that do not exist.")
        boolean force;

        @Option(names = {"-q", "--quiet"}, description = "Writes minimal output.")
        boolean quiet;

        @Parameters(arity = "1..*", paramLabel = "CID", description = "The blocks to remove.")
        List<String> cids;

        @Override
        public Integer call() {
            int[] refused = {0};
            client().stream("block/rm", force ? Map.of("force", "true") : Map.of(), reply -> {
                String error = reply.path("Error").asText("");
                if (!error.isEmpty()) {
                    refused[0]++;
                    System.err.println("cannot remove " + reply.path("Hash").asText() + ": " + error);
                } else if (!quiet) {
                    System.out.println("removed " + reply.path("Hash").asText());
                }
            }, cids.toArray(String[]::new));
            if (refused[0] > 0) {
                throw new LauncherException("some blocks not removed");
            }
            return 0;
        }
    }
}
