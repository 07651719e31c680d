package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit cluster peers | pin add [--replication N] CID | pin rm CID | status CID}: the node's cluster through
 * the {@code cluster/*} RPC commands, printed as {@code ipfs-cluster-ctl} prints them.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Pins in the node's cluster of roles.",
        subcommands = {ClusterCommand.Peers.class, ClusterCommand.Pin.class, ClusterCommand.Status.class})
final class ClusterCommand {

    @Mixin
    RepoOption repo;

    /** {@code cluster peers}: one line per member: peer id, role, free bytes, load, (leader), (self). */
    @Command(name = "peers", mixinStandardHelpOptions = true, description = "Lists this node and the live cluster members.")
    static final class Peers extends ClientVerb {
        @Override
        public Integer call() {
            for (JsonNode peer : client().call("cluster/peers")) {
                System.out.println(peer.path("id").asText() + " " + peer.path("role").asText() + " free="
                        + peer.path("free_space").asLong() + " load="
                        + String.format(Locale.ROOT, "%.2f", peer.path("load").asDouble())
                        + (peer.path("leader").asBoolean() ? " (leader)" : "")
                        + (peer.path("self").asBoolean() ? " (self)" : ""));
            }
            return 0;
        }
    }

    /** {@code cluster pin add|rm}. */
    @Command(name = "pin", mixinStandardHelpOptions = true, description = "Adds or removes cluster pins (on the leading master).",
            subcommands = {ClusterCommand.Add.class, ClusterCommand.Rm.class})
    static final class Pin {
        @Mixin
        RepoOption repo;
    }

    /** {@code cluster pin add [--replication N] CID}: prints the workers the pin was placed on. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Pins a CID on N workers of the cluster.")
    static final class Add extends ClientVerb {
        @Parameters(paramLabel = "CID", description = "The root to pin recursively.")
        String cid;

        @Option(names = {"--replication", "-r"}, paramLabel = "N",
                description = "Workers to hold it (default: the cluster's configured replication).")
        Integer replication;

        @Override
        public Integer call() {
            Map<String, String> options = replication == null ? Map.of() : Map.of("replication", replication.toString());
            print("pinned", client().call("cluster/pin/add", options, List.of(cid)));
            return 0;
        }
    }

    /** {@code cluster pin rm CID}: the workers unpin it. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a cluster pin.")
    static final class Rm extends ClientVerb {
        @Parameters(paramLabel = "CID", description = "The root to unpin.")
        String cid;

        @Override
        public Integer call() {
            print("unpinned", client().call("cluster/pin/rm", Map.of(), List.of(cid)));
            return 0;
        }
    }

    /** {@code cluster status CID}: the CID, then one line per replica: peer id, status, timestamp, error. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows where each replica of a cluster pin stands.")
    static final class Status extends ClientVerb {
        @Parameters(paramLabel = "CID", description = "The cluster pin.")
        String cid;

        @Override
        public Integer call() {
            JsonNode status = client().call("cluster/status", Map.of(), List.of(cid));
            System.out.println(status.path("cid").asText() + ":");
            status.path("peer_map").fields().forEachRemaining(replica -> {
                JsonNode info = replica.getValue();
                String error = info.path("error").asText();
                System.out.println("    > " + replica.getKey() + " : " + info.path("status").asText().toUpperCase(Locale.ROOT)
                        + " | " + info.path("timestamp").asText() + (error.isEmpty() ? "" : " | " + error));
            });
            return 0;
        }
    }

    private static void print(String done, JsonNode pin) {
        List<String> workers = new java.util.ArrayList<>();
        pin.path("allocations").forEach(peer -> workers.add(peer.asText()));
        System.out.println(done + " " + pin.path("cid").asText() + (workers.isEmpty() ? "" : " on " + String.join(", ", workers)));
    }
}
