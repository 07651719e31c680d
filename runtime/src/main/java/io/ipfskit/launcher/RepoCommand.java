package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipfs-kit repo gc|stat|verify}: the running node's store, printed as {@code ipfs repo} prints it. */
@Command(name = "repo", mixinStandardHelpOptions = true, description = "Garbage-collects, counts and checks the store.",
        subcommands = {RepoCommand.Gc.class, RepoCommand.Stat.class, RepoCommand.Verify.class})
final class RepoCommand {

    @Mixin
    RepoOption repo;

    /** {@code repo gc}: {@code removed <cid>} per removed block. */
    @Command(name = "gc", mixinStandardHelpOptions = true, description = "Removes every block no pin keeps.")
    static final class Gc extends ClientVerb {
        @Option(names = {"-q", "--quiet"}, description = "Prints only the removed CIDs.")
        boolean quiet;

        @Override
        public Integer call() {
            client().stream("repo/gc", Map.of(), reply -> {
                String cid = reply.path("Key").path("/").asText();
                if (!cid.isEmpty()) {
                    System.out.println(quiet ? cid : "removed " + cid);
                } else if (reply.has("Error")) {
                    System.out.println(reply.path("Error").asText());
                }
            });
            return 0;
        }
    }

    /** {@code repo stat}: aligned {@code Key: value} lines. */
    @Command(name = "stat", mixinStandardHelpOptions = true, description = "Counts the blocks and bytes stored.")
    static final class Stat extends ClientVerb {
        @Option(names = {"-H", "--human"}, description = "Shows sizes as KiB, MiB, GiB.")
        boolean human;

        @Option(names = {"-s", "--size-only"}, description = "Shows only RepoSize and StorageMax.")
        boolean sizeOnly;

        @Override
        public Integer call() {
            JsonNode stat = client().call("repo/stat");
            if (!sizeOnly) {
                line("NumObjects", stat.path("NumObjects").asText());
            }
            line("RepoSize", size(stat.path("RepoSize").asLong()));
            line("StorageMax", size(stat.path("StorageMax").asLong()));
            if (!sizeOnly) {
                line("RepoPath", stat.path("RepoPath").asText());
                line("Version", stat.path("Version").asText());
            }
            return 0;
        }

        private String size(long bytes) {
            return human ? ProgressBar.human(bytes) : Long.toString(bytes);
        }

        private static void line(String key, String value) {
            System.out.println(String.format("%-11s %s", key + ":", value));
        }
    }

    /** {@code repo verify}: checks every stored block; a corrupt block is named and the command fails. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Reads every block back and checks its hash.")
    static final class Verify extends ClientVerb {
        @Override
        public Integer call() {
            boolean terminal = ProgressBar.onTerminal();
            boolean[] complete = {false};
            boolean[] drawn = {false};
            client().stream("repo/verify", Map.of(), reply -> {
                String message = reply.path("Msg").asText();
                if (message.isEmpty()) {
                    if (terminal) {
                        System.err.print("\r" + reply.path("Progress").asLong() + " blocks processed.");
                        System.err.flush();
                        drawn[0] = true;
                    }
                    return;
                }
                if (drawn[0]) {
                    System.err.print("\r\033[K");
                    drawn[0] = false;
                }
                System.out.println(message);
                complete[0] |= message.startsWith("verify complete");
            });
            if (drawn[0]) {
                System.err.print("\r\033[K");
            }
            if (!complete[0]) {
                throw new LauncherException("verify complete, some blocks were corrupt");
            }
            return 0;
        }
    }

}
