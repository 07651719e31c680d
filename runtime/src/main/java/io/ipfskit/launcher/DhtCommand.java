package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit dht query PEER}: the DHT's closest peers to a peer id, as {@code ipfs dht query} prints them. */
@Command(name = "dht", mixinStandardHelpOptions = true, description = "Issues commands directly through the DHT.",
        subcommands = DhtCommand.Query.class)
final class DhtCommand {

    /** kubo's routing.QueryEvent types. */
    static final int SENDING_QUERY = 0;
    static final int PEER_RESPONSE = 1;
    static final int FINAL_PEER = 2;
    static final int QUERY_ERROR = 3;
    static final int PROVIDER = 4;
    static final int VALUE = 5;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Mixin
    RepoOption repo;

    /** {@code dht query [-v] PEER}: one closest peer id per line, closest first. */
    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Finds the closest peer IDs to a given peer ID by querying the DHT.")
    static final class Query extends ClientVerb {
        @Option(names = {"-v", "--verbose"}, description = "Prints extra information.")
        boolean verbose;

        @Parameters(paramLabel = "PEER", description = "The peer ID to run the query against.")
        String peer;

        @Override
        public Integer call() {
            printEvents(each -> client().stream("dht/query", Map.of(), each, peer), verbose, FINAL_PEER,
                    event -> System.out.println(event.path("ID").asText()));
            return 0;
        }
    }

    /**
     * Runs a command streaming query events (handed to {@code request}) and prints them as kubo's CLI does:
     * {@code type}'s events by {@code print}, the others only when verbose (with the time first). The stream ending
     * with a QueryError about no peer (the command's failure; one DHT's error midway is not) ends the verb with its
     * message.
     */
    static void printEvents(Consumer<Consumer<JsonNode>> request, boolean verbose, int type, Consumer<JsonNode> print) {
        JsonNode[] last = {null};
        request.accept(event -> {
            last[0] = event;
            int kind = event.path("Type").asInt(-1);
            if (verbose) {
                System.out.print(LocalTime.now().format(CLOCK) + ": ");
            }
            if (kind == type) {
                print.accept(event);
            } else if (verbose) {
                System.out.println(describe(event));
            }
        });
        if (last[0] != null && last[0].path("Type").asInt(-1) == QUERY_ERROR && last[0].path("ID").asText().isEmpty()) {
            throw new LauncherException(last[0].path("Extra").asText("the query failed"));
        }
    }

    private static String describe(JsonNode event) {
        String peer = event.path("ID").asText();
        return switch (event.path("Type").asInt(-1)) {
            case SENDING_QUERY -> "* querying " + peer;
            case PEER_RESPONSE -> {
                StringBuilder line = new StringBuilder("* " + peer + " says use");
                event.path("Responses").forEach(p -> line.append(' ').append(p.path("ID").asText()));
                yield line.toString();
            }
            case FINAL_PEER -> "* closest peer " + peer;
            case QUERY_ERROR -> "error: " + event.path("Extra").asText();
            case PROVIDER -> "provider: " + event.path("Responses").path(0).path("ID").asText();
            case VALUE -> "got value from " + peer;
            default -> "unrecognized event type: " + event.path("Type").asText();
        };
    }

    /** {@code ipfs-kit stats dht|bw ...}: the routing tables by bucket, the bandwidth, as {@code ipfs stats} prints them. */
    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Queries the node's statistics.",
            subcommands = {Stats.Dht.class, StatsBwCommand.class})
    static final class Stats {

        @Mixin
        RepoOption repo;

        /** {@code stats dht [--json] [wan|lan]...}. */
        @Command(name = "dht", mixinStandardHelpOptions = true,
                description = "Shows the DHT routing tables (wan, lan; both by default), bucket by bucket.")
        static final class Dht extends ClientVerb {
            @Option(names = "--json", description = "Prints the reply as JSON.")
            boolean json;

            @Parameters(arity = "0..*", paramLabel = "DHT", description = "wan or lan (both by default).")
            List<String> dhts = new ArrayList<>();

            @Override
            public Integer call() {
                client().stream("stats/dht", Map.of(), this::print, dhts.toArray(String[]::new));
                return 0;
            }

            private void print(JsonNode table) {
                if (json) {
                    System.out.println(ApiClient.pretty(table));
                    return;
                }
                int count = 0;
                for (JsonNode bucket : table.path("Buckets")) {
                    count += bucket.path("Peers").size();
                }
                System.out.println("DHT " + table.path("Name").asText() + " (" + count + " peers):");
                int index = 0;
                for (JsonNode bucket : table.path("Buckets")) {
                    System.out.printf("  Bucket %2d (%d peers) - refreshed %s:%n", index++, bucket.path("Peers").size(),
                            ago(bucket.path("LastRefresh").asText()));
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {"    Peer", "last useful", "last queried", "Agent Version"});
                    for (JsonNode peer : bucket.path("Peers")) {
                        rows.add(new String[] {"  " + (peer.path("Connected").asBoolean() ? "@ " : "  ")
                            + peer.path("ID").asText(), ago(peer.path("LastUsefulAt").asText()),
                            ago(peer.path("LastQueriedAt").asText()), peer.path("AgentVersion").asText()});
                    }
                    Table.print(rows);
                    System.out.println();
                }
            }

            private static String ago(String time) {
                if (time.isEmpty()) {
                    return "never";
                }
                try {
                    return Duration.between(Instant.parse(time), Instant.now()).toSeconds() + "s ago";
                } catch (DateTimeParseException e) {
                    return time;
                }
            }
        }
    }
}
