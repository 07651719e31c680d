package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit swarm ...}: the running node's connections, as {@code ipfs swarm} shows them. */
@Command(name = "swarm", mixinStandardHelpOptions = true, description = "Lists, opens and closes connections to peers.",
        subcommands = {SwarmCommand.Peers.class, SwarmCommand.Connect.class, SwarmCommand.Disconnect.class,
            SwarmCommand.Addrs.class, SwarmCommand.Resources.class, SwarmCommand.Reachability.class})
final class SwarmCommand {

    @Mixin
    RepoOption repo;

    private static void printStrings(JsonNode reply) {
        reply.path("Strings").forEach(line -> System.out.println(line.asText()));
    }

    /**
     * {@code swarm peers}: one line per connection: address/p2p/peer, with latency, direction, security channel,
     * muxer and {@code relayed} (for a connection through a relay) if verbose.
     */
    @Command(name = "peers", mixinStandardHelpOptions = true, description = "Lists the peers connected now.")
    static final class Peers extends ClientVerb {
        @Option(names = {"-v", "--verbose"}, description = "Also shows latency, direction, security channel, muxer and relayed.")
        boolean verbose;

        @Override
        public Integer call() {
            for (JsonNode peer : client().call("swarm/peers").path("Peers")) {
                String line = peer.path("Addr").asText() + "/p2p/" + peer.path("Peer").asText();
                if (verbose) {
                    line += " " + peer.path("Latency").asText() + " " + (peer.path("Direction").asInt() == 1 ? "inbound" : "outbound")
                            + " " + peer.path("Security").asText() + " " + peer.path("Muxer").asText()
                            + (peer.path("Relayed").asBoolean() ? " relayed" : "");
                }
                System.out.println(line);
            }
            return 0;
        }
    }

    /** A verb taking addresses ending in /p2p/PEER and printing the node's one-line answers. */
    abstract static class AddressesVerb extends ClientVerb {
        @Parameters(arity = "1..*", paramLabel = "ADDRESS", description = "Multiaddr ending in /p2p/<peer id>.")
        List<String> addresses;

        /** The RPC command, e.g. {@code swarm/connect}. */
        abstract String command();

        @Override
        public Integer call() {
            printStrings(client().call(command(), addresses.toArray(String[]::new)));
            return 0;
        }
    }

    /** {@code swarm connect ADDR...}: connects to each address. */
    @Command(name = "connect", mixinStandardHelpOptions = true, description = "Opens a connection to each address.")
    static final class Connect extends AddressesVerb {
        @Override
        String command() {
            return "swarm/connect";
        }
    }

    /** {@code swarm disconnect ADDR...}: closes the connection to each address's peer. */
    @Command(name = "disconnect", mixinStandardHelpOptions = true, description = "Closes the connection to each peer.")
    static final class Disconnect extends AddressesVerb {
        @Override
        String command() {
            return "swarm/disconnect";
        }
    }

    /**
     * {@code swarm addrs}: the peerstore's addresses, as kubo prints them ({@code PEER (N)}, then each address indented
     * by a tab); {@code swarm addrs listen|local} the node's own.
     */
    @Command(name = "addrs", mixinStandardHelpOptions = true, description = "Lists the known addresses of each peer.",
            subcommands = {Addrs.Listen.class, Addrs.Local.class})
    static final class Addrs extends ClientVerb {
        @Override
        public Integer call() {
            client().call("swarm/addrs").path("Addrs").fields().forEachRemaining(peer -> {
                System.out.println(peer.getKey() + " (" + peer.getValue().size() + ")");
                peer.getValue().forEach(address -> System.out.println("\t" + address.asText()));
            });
            return 0;
        }

        /** {@code swarm addrs listen}. */
        @Command(name = "listen", mixinStandardHelpOptions = true, description = "Lists the addresses the node listens on.")
        static final class Listen extends ClientVerb {
            @Override
            public Integer call() {
                printStrings(client().call("swarm/addrs/listen"));
                return 0;
            }
        }

        /** {@code swarm addrs local [--id]}. */
        @Command(name = "local", mixinStandardHelpOptions = true, description = "Lists the addresses the node announces.")
        static final class Local extends ClientVerb {
            @Option(names = "--id", description = "Ends each address with /p2p/<this node's id>.")
            boolean id;

            @Override
            public Integer call() {
                printStrings(client().call("swarm/addrs/local", java.util.Map.of("id", Boolean.toString(id)), List.of()));
                return 0;
            }
        }
    }

    /** {@code swarm reachability}: Public, Private or Unknown, as AutoNAT found it. */
    @Command(name = "reachability", mixinStandardHelpOptions = true,
            description = "Shows whether other peers can dial this node (AutoNAT): Public, Private or Unknown.")
    static final class Reachability extends ClientVerb {
        @Override
        public Integer call() {
            System.out.println(client().call("swarm/reachability").path("Reachability").asText());
            return 0;
        }
    }

    /** {@code swarm resources}: per limit, what is held now (- for per-peer and per-IP limits), the limit, refusals. */
    @Command(name = "resources", mixinStandardHelpOptions = true,
            description = "Shows the host's resource limits, what is held of each, and how much was refused.")
    static final class Resources extends ClientVerb {
        @Override
        public Integer call() {
            JsonNode reply = client().call("swarm/resources");
            JsonNode usage = reply.path("Usage");
            JsonNode refused = reply.path("Refused");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"LIMIT", "HELD", "MAX", "REFUSED"});
            reply.path("Limits").fields().forEachRemaining(limit -> rows.add(new String[] {limit.getKey(),
                usage.has(limit.getKey()) ? usage.get(limit.getKey()).asText() : "-", limit.getValue().asText(),
                refused.path(limit.getKey()).asText("0")}));
            Table.print(rows);
            return 0;
        }
    }
}
