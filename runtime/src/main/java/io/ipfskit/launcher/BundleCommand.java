package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit bundle ls|stop|start|restart|components}: hot swap of the node's bundles through the RPC API's
 * {@code bundle/*} commands, as the shell's {@code ipfs:*} verbs do it (not a kubo command).
 */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Lists, stops, starts and restarts the node's bundles.",
        subcommands = {BundleCommand.Ls.class, BundleCommand.Stop.class, BundleCommand.Start.class,
            BundleCommand.Restart.class, BundleCommand.Components.class})
final class BundleCommand {

    @Mixin
    RepoOption repo;

    /** {@code bundle ls}: one row per bundle of ours. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the node's bundles with their state.")
    static final class Ls extends ClientVerb {
        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "STATE", "BUNDLE", "VERSION"});
            for (JsonNode bundle : client().call("bundle/ls").path("Bundles")) {
                rows.add(new String[] {bundle.path("ID").asText(), bundle.path("State").asText(),
                    bundle.path("Name").asText(), bundle.path("Version").asText()});
            }
            Table.print(rows);
            return 0;
        }
    }

    /** What stop, start and restart share: one bundle name in, its state (or what will happen) out. */
    abstract static class Operation extends ClientVerb {
        @Parameters(paramLabel = "NAME", description = "The bundle's symbolic name, e.g. io.ipfskit.protocol.bitswap.")
        String name;

        abstract String command();

        @Override
        public Integer call() {
            JsonNode reply = client().call(command(), name);
            System.out.println(reply.path("Name").asText() + " " + reply.path("State").asText());
            if (reply.hasNonNull("Message")) {
                System.out.println(reply.path("Message").asText());
            }
            return 0;
        }
    }

    /** {@code bundle stop NAME}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a bundle: its services leave at once.")
    static final class Stop extends Operation {
        @Override
        String command() {
            return "bundle/stop";
        }
    }

    /** {@code bundle start NAME}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts a bundle: its services join at once.")
    static final class Start extends Operation {
        @Override
        String command() {
            return "bundle/start";
        }
    }

    /** {@code bundle restart NAME}. */
    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stops and starts a bundle.")
    static final class Restart extends Operation {
        @Override
        String command() {
            return "bundle/restart";
        }
    }

    /**
     * {@code bundle components [--json] [NAME]}: every component with its state, or one bundle's (or component's)
     * references with the services that satisfy them and what stopping the bundle also stops.
     */
    @Command(name = "components", mixinStandardHelpOptions = true,
            description = "Lists the components, or shows one bundle's references and what satisfies each.")
    static final class Components extends ClientVerb {
        @Option(names = "--json", description = "Prints the reply as JSON.")
        boolean json;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "A bundle's symbolic name or a component's name.")
        String name;

        @Override
        public Integer call() {
            JsonNode reply = name == null ? client().call("bundle/components")
                    : client().call("bundle/components", name);
            if (json) {
                System.out.println(ApiClient.pretty(reply));
            } else if (name == null) {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"STATE", "COMPONENT", "BUNDLE"});
                reply.path("Components").forEach(c -> rows.add(new String[] {c.path("State").asText(),
                    c.path("Name").asText(), c.path("Bundle").asText()}));
                Table.print(rows);
            } else {
                printDetails(reply);
            }
            return 0;
        }

        private static void printDetails(JsonNode reply) {
            for (JsonNode component : reply.path("Components")) {
                System.out.println(component.path("Name").asText() + "  " + component.path("State").asText() + "  ("
                        + component.path("Bundle").asText() + ")");
                for (JsonNode reference : component.path("References")) {
                    System.out.println("  " + reference.path("Service").asText() + "  "
                            + reference.path("Cardinality").asText() + " " + reference.path("Policy").asText()
                            + (reference.path("Target").isTextual() ? " " + reference.path("Target").asText() : "")
                            + (reference.path("Satisfied").asBoolean() ? "" : "  UNSATISFIED"));
                    for (JsonNode provider : reference.path("Providers")) {
                        System.out.println("    " + (provider.path("Bound").asBoolean() ? "bound to " : "offered by ")
                                + provider.path("Component").asText("a service") + " (" + provider.path("Bundle").asText()
                                + ", service " + provider.path("ServiceID").asText() + ")");
                    }
                    if (reference.path("Providers").isEmpty()) {
                        System.out.println("    no service offers it");
                    }
                }
            }
            if (reply.has("StoppingAlsoStops")) {
                List<String> also = new ArrayList<>();
                reply.path("StoppingAlsoStops").forEach(n -> also.add(n.asText()));
                System.out.println("Stopping " + reply.path("Bundle").asText() + " also stops: "
                        + (also.isEmpty() ? "no component of another bundle" : String.join(", ", also)));
            }
        }
    }
}
