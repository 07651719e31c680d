package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipfs-kit storage tiers}: the storage tiers' counters, fastest first (not a kubo command). */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "Shows the tiered store.",
        subcommands = StorageCommand.Tiers.class)
final class StorageCommand {

    @Mixin
    RepoOption repo;

    /** {@code storage tiers}: one row per tier. */
    @Command(name = "tiers", mixinStandardHelpOptions = true, description = "Lists the tiers with their counters.")
    static final class Tiers extends ClientVerb {
        private static final String[] FIELDS = {"items", "bytes", "hits", "misses", "promotions", "demotions", "evictions"};

        @Option(names = "--json", description = "Prints the reply as JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode reply = client().call("storage/tiers");
            if (json) {
                System.out.println(ApiClient.pretty(reply));
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            String[] header = new String[FIELDS.length + 1];
            header[0] = "TIER";
            for (int i = 0; i < FIELDS.length; i++) {
                header[i + 1] = FIELDS[i].toUpperCase(java.util.Locale.ROOT);
            }
            rows.add(header);
            for (JsonNode tier : reply.path("Tiers")) {
                String[] row = new String[FIELDS.length + 1];
                row[0] = tier.path("tier").asText();
                for (int i = 0; i < FIELDS.length; i++) {
                    row[i + 1] = tier.path(FIELDS[i]).asText();
                }
                rows.add(row);
            }
            Table.print(rows);
            return 0;
        }
    }
}
