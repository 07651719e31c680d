package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the DHT interop tests share: repos set up for a loopback DHT, client verbs, tables read, bounded waits. */
final class DhtNodes {

    /** Time allowed for one step. */
    static final Duration LIMIT = Duration.ofSeconds(90);
    /** Time allowed for a daemon to start (a loaded machine starts six JVMs at once). */
    static final Duration START = Duration.ofMinutes(3);

    private DhtNodes() {
    }

    /** A repo under parent whose DHT runs in the mode given and keeps loopback addresses. */
    static Path repo(Path parent, String name, String mode) throws Exception {
        Path repo = parent.resolve(name);
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.dht.kad.cfg"),
                "mode = " + mode + "\nacceptPrivateAddresses = true\n");
        return repo;
    }

    /** Runs a client verb against the repo's daemon, which must succeed; returns its output, trimmed. */
    static String ok(Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        Cli cli = Cli.run(LIMIT, arguments.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), String.join(" ", verb) + ": " + cli.output());
        return cli.output().strip();
    }

    /** The peer ids in the daemon's public DHT table (empty while it cannot answer). */
    static List<String> table(Path repo) {
        List<String> peers = new ArrayList<>();
        try {
            for (JsonNode bucket : new Rpc(repo).lines("stats/dht?arg=wan").get(0).get("Buckets")) {
                bucket.get("Peers").forEach(p -> peers.add(p.get("ID").asText()));
            }
        } catch (Exception notYet) {
            return List.of();
        }
        return peers;
    }

    /** Polls the condition until it holds, failing after {@link #LIMIT}. */
    static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
