package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit routing findprovs|provide|findpeer|get|put|stats}: routing as {@code ipfs routing} prints it; stats is
 * ours.
 */
@Command(name = "routing", mixinStandardHelpOptions = true,
        description = "Finds the providers of content and announces it; finds peers; gets and puts DHT values.",
        subcommands = {RoutingCommand.FindProvs.class, RoutingCommand.Provide.class, RoutingCommand.FindPeer.class,
            RoutingCommand.Get.class, RoutingCommand.Put.class, RoutingCommand.Stats.class})
final class RoutingCommand {

    /** kubo's routing.QueryEvent type of a provider found. */
    private static final int PROVIDER = 4;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Mixin
    RepoOption repo;

    /** {@code routing findprovs [-n N] [-v] KEY}: a provider id per line as found; verbose adds time and addresses. */
    @Command(name = "findprovs", mixinStandardHelpOptions = true,
            description = "Finds peers that can provide a specific value, given a key.")
    static final class FindProvs extends ClientVerb {
        @Option(names = {"-n", "--num-providers"}, defaultValue = "20",
                description = "The number of providers to find.")
        int count;

        @Option(names = {"-v", "--verbose"}, description = "Prints extra information.")
        boolean verbose;

        @Parameters(paramLabel = "KEY", description = "The CID to find providers for.")
        String key;

        @Override
        public Integer call() {
            client().stream("routing/findprovs", Map.of("num-providers", String.valueOf(count)), this::print,
                    key);
            return 0;
        }

        private void print(JsonNode event) {
            if (event.path("Type").asInt() != PROVIDER || event.path("Responses").isEmpty()) {
                return;
            }
            JsonNode provider = event.path("Responses").get(0);
            if (!verbose) {
                System.out.println(provider.path("ID").asText());
                return;
            }
            System.out.println(LocalTime.now().format(CLOCK) + ": provider: " + provider.path("ID").asText());
            provider.path("Addrs").forEach(address -> System.out.println("\t" + address.asText()));
        }
    }

    /** {@code routing provide [-r] KEY...}: announces blocks the node holds (with -r their DAGs); prints nothing. */
    @Command(name = "provide", mixinStandardHelpOptions = true,
            description = "Announces to the network that the node provides these blocks.")
    static final class Provide extends ClientVerb {
        @Option(names = {"-r", "--recursive"}, description = "Announces every block of the DAGs too.")
        boolean recursive;

        @Parameters(arity = "1..*", paramLabel = "KEY", description = "The CIDs to announce.")
        List<String> keys;

        @Override
        public Integer call() {
            client().call("routing/provide", recursive ? Map.of("recursive", "true") : Map.of(), keys);
            return 0;
        }
    }

    /** {@code routing findpeer [-v] PEER}: the peer's addresses, one per line. */
    @Command(name = "findpeer", mixinStandardHelpOptions = true,
            description = "Finds the multiaddresses associated with a peer ID.")
    static final class FindPeer extends ClientVerb {
        @Option(names = {"-v", "--verbose"}, description = "Prints extra information.")
        boolean verbose;

        @Parameters(paramLabel = "PEER", description = "The ID of the peer to search for.")
        String peer;

        @Override
        public Integer call() {
            DhtCommand.printEvents(each -> client().stream("routing/findpeer", Map.of(), each, peer), verbose,
                    DhtCommand.FINAL_PEER, event -> event.path("Responses").path(0).path("Addrs")
                            .forEach(address -> System.out.println(address.asText())));
            return 0;
        }
    }

    /** {@code routing get [-v] KEY}: the best value of {@code /pk/PEER} or {@code /ipns/PEER}, raw, to stdout. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Given a key (/pk/PEER or /ipns/PEER), queries the routing system for its best value.")
    static final class Get extends ClientVerb {
        @Option(names = {"-v", "--verbose"}, description = "Prints extra information.")
        boolean verbose;

        @Parameters(paramLabel = "KEY", description = "The key to find a value for.")
        String key;

        @Override
        public Integer call() {
            DhtCommand.printEvents(each -> client().stream("routing/get", Map.of(), each, key), verbose,
                    DhtCommand.VALUE, this::print);
            return 0;
        }

        /** The value raw (kubo), or quoted as base64 when verbose; the lookup's own Value events carry none. */
        private void print(JsonNode event) {
            String value = event.path("Extra").asText();
            if (verbose) {
                System.out.println("got value: '" + value + "'");
            } else if (!value.isEmpty()) {
                byte[] bytes = Base64.getDecoder().decode(value);
                System.out.write(bytes, 0, bytes.length);
                System.out.flush();
            }
        }
    }

    /** {@code routing put [-v] KEY FILE}: stores a valid value under the key; prints each peer given it. */
    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Writes a key/value pair to the routing system; the value must be valid for the key.")
    static final class Put extends ClientVerb {
        @Option(names = {"-v", "--verbose"}, description = "Prints extra information.")
        boolean verbose;

        @Parameters(index = "0", paramLabel = "KEY", description = "The key to store the value at.")
        String key;

        @Parameters(index = "1", paramLabel = "FILE", description = "A file holding the value to store.")
        Path file;

        @Override
        public Integer call() {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new LauncherException("cannot read " + file + ": " + e.getMessage());
            }
            MultipartBody body = new MultipartBody().file(file.getFileName().toString(), file, size);
            DhtCommand.printEvents(each -> client().upload("routing/put", Map.of("arg", key), body, sent -> { }, each), verbose,
                    DhtCommand.VALUE, event -> System.out.println(event.path("ID").asText()));
            return 0;
        }
    }

    /** {@code routing stats [--json]}: the routing manager's and the block service's counters (not a kubo command). */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Shows searches, announcements, the reprovider, retrieval counters and the best providers.")
    static final class Stats extends ClientVerb {
        private static final String[] PROVIDER_FIELDS = {"score", "success_rate", "average_latency", "bytes_received",
            "backoff_remaining"};

        @Option(names = "--json", description = "Prints the reply as JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode reply = client().call("routing/stats");
            if (json) {
                System.out.println(ApiClient.pretty(reply));
                return 0;
            }
            JsonNode routing = reply.path("Routing");
            List<String> routers = new ArrayList<>();
            routing.path("routers").forEach(router -> routers.add(router.asText()));
            JsonNode cache = routing.path("provider_cache");
            JsonNode reprovider = routing.path("reprovider");
            List<String[]> summary = new ArrayList<>();
            summary.add(row("Routers:", routers.isEmpty() ? "none" : String.join(", ", routers)));
            summary.add(row("Searches:", routing.path("discoveries").asText() + " (providers found "
                    + routing.path("providers_found").asText() + ", failed discoveries "
                    + routing.path("failed_discoveries").asText() + ", router errors "
                    + routing.path("router_errors").asText() + ")"));
            summary.add(row("Announcements:", routing.path("announcements").asText() + " (failed "
                    + routing.path("failed_announcements").asText() + ")"));
            summary.add(row("Provider cache:", cache.path("cids").asText() + " CIDs, "
                    + cache.path("providers").asText() + " providers"));
            summary.add(row("Reprovider:", reprovider.path("last_result").asText() + "; next run "
                    + reprovider.path("next_run").asText("none")));
            JsonNode retrieval = reply.path("Retrieval");
            if (!retrieval.isMissingNode() && !retrieval.isNull()) {
                summary.add(row("Retrieval:", retrieval.path("cache_misses").asText() + " misses, "
                        + retrieval.path("cache_misses_handled").asText() + " fetched, "
                        + retrieval.path("cache_misses_failed").asText() + " failed, "
                        + retrieval.path("cache_misses_offline").asText() + " offline; success rate "
                        + percent(retrieval.path("success_rate").asDouble()) + ", mean "
                        + String.format(Locale.ROOT, "%.3f s", retrieval.path("average_retrieve_time").asDouble())
                        + ", " + retrieval.path("total_bytes_retrieved").asText() + " bytes"));
            }
            Table.print(summary);
            JsonNode providers = routing.path("provider_stats");
            if (!providers.isEmpty()) {
                System.out.println();
                List<String[]> rows = new ArrayList<>();
                String[] header = new String[PROVIDER_FIELDS.length + 1];
                header[0] = "PEER";
                for (int i = 0; i < PROVIDER_FIELDS.length; i++) {
                    header[i + 1] = PROVIDER_FIELDS[i].toUpperCase(Locale.ROOT);
                }
                rows.add(header);
                for (JsonNode provider : providers) {
                    String[] row = new String[PROVIDER_FIELDS.length + 1];
                    row[0] = provider.path("peer").asText();
                    for (int i = 0; i < PROVIDER_FIELDS.length; i++) {
                        JsonNode value = provider.path(PROVIDER_FIELDS[i]);
                        row[i + 1] = value.isFloatingPointNumber()
                                ? String.format(Locale.ROOT, "%.3f", value.asDouble()) : value.asText("n/a");
                    }
                    rows.add(row);
                }
                Table.print(rows);
            }
            return 0;
        }

        private static String[] row(String label, String value) {
            return new String[] {label, value};
        }

        private static String percent(double rate) {
            return String.format(Locale.ROOT, "%.1f%%", rate * 100);
        }
    }
}
