package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipfs-kit routing findprovs|provide|stats}: routing as {@code ipfs routing} prints it; stats is ours. */
@Command(name = "routing", mixinStandardHelpOptions = true,
        description = "Finds the providers of content and announces it.",
        subcommands = {RoutingCommand.FindProvs.class, RoutingCommand.Provide.class, RoutingCommand.Stats.class})
final class RoutingCommand {

    /** kubo's routing.QueryEvent type of a provider found. */
    private static final int PROVIDER = 4;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Mixin
    RepoOption repo;

    /** {@code routing findprovs [-n N] [-v] KEY}: a provider id per line as found; verbose adds time and addresses. */
    @Command(name = "findprovs", mixinStandardHelpOptions = true,
            description = "Finds peers that can provide a specific value, given a key.")
    static final class FindProvs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RepoOption repo;

        @Option(names = {"-n", "--num-providers"}, defaultValue = "20",
                description = "The number of providers to find.")
        int count;

        @Option(names = {"-v", "--verbose"}, description = "Prints extra information.")
        boolean verbose;

        @Parameters(paramLabel = "KEY", description = "The CID to find providers for.")
        String key;

        @Override
        public Integer call() {
            Verbs.client(spec).stream("routing/findprovs", Map.of("num-providers", String.valueOf(count)), this::print,
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

    /** {@code routing provide KEY...}: announces blocks the node holds; prints nothing, as kubo. */
    @Command(name = "provide", mixinStandardHelpOptions = true,
            description = "Announces to the network that the node provides these blocks.")
    static final class Provide implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RepoOption repo;

        @Parameters(arity = "1..*", paramLabel = "KEY", description = "The CIDs to announce.")
        List<String> keys;

        @Override
        public Integer call() {
            Verbs.client(spec).call("routing/provide", keys.toArray(String[]::new));
            return 0;
        }
    }

    /** {@code routing stats [--json]}: the routing manager's and the block service's counters (not a kubo command). */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Shows searches, announcements, the reprovider, retrieval counters and the best providers.")
    static final class Stats implements Callable<Integer> {
        private static final String[] PROVIDER_FIELDS = {"score", "success_rate", "average_latency", "bytes_received",
            "backoff_remaining"};

        @Spec
        CommandSpec spec;

        @Mixin
        RepoOption repo;

        @Option(names = "--json", description = "Prints the reply as JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode reply = Verbs.client(spec).call("routing/stats");
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
