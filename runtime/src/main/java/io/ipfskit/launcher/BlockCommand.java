package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit block put|get|stat|rm}: single blocks, as {@code ipfs block} stores and prints them. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Stores, reads, inspects and removes raw blocks.",
        subcommands = {BlockCommand.Put.class, BlockCommand.Get.class, BlockCommand.Stat.class, BlockCommand.Rm.class})
final class BlockCommand {

    @Mixin
    RepoOption repo;

    /** {@code block put [--cid-codec C] [FILE...]}: stores each file (standard input by default) as one block, prints its CID. */
    @Command(name = "put", mixinStandardHelpOptions = true, description = "Stores each file as one block and prints its CID.")
    static final class Put extends ClientVerb {
        @Parameters(arity = "0..*", paramLabel = "FILE", description = "The blocks' bytes (default, or -: standard input).")
        List<Path> files;

        @Option(names = "--cid-codec", defaultValue = "raw", description = "The codec the CID names (default raw).")
        String cidCodec;

        @Option(names = "--mhtype", defaultValue = "sha2-256", description = "The hash function (sha2-256 only).")
        String mhtype;

        @Override
        public Integer call() {
            for (Path file : files == null || files.isEmpty() ? List.of(Path.of("-")) : files) {
                MultipartBody body = new MultipartBody();
                if (file.toString().equals("-")) {
                    body.stream("", System.in);
                } else if (Files.isRegularFile(file)) {
                    body.file(file.getFileName().toString(), file, file.toFile().length());
                } else {
                    throw new LauncherException("cannot read " + file + ": no such file");
                }
                client().upload("block/put", Map.of("cid-codec", cidCodec, "mhtype", mhtype), body, sent -> { },
                        reply -> System.out.println(reply.path("Key").asText()));
            }
            return 0;
        }
    }

    /** {@code block get CID}: the block's bytes, to standard output. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Writes a block's bytes to standard output.")
    static final class Get extends ClientVerb {
        @Parameters(paramLabel = "CID", description = "The block's CID.")
        String cid;

        @Override
        public Integer call() {
            Verbs.copy(client().download("block/get", Map.of(), cid), null, ProgressBar.none());
            return 0;
        }
    }

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
