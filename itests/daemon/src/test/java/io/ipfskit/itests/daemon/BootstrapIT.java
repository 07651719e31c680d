package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daemon --bootstrap A}: B connects to A by itself, through bootstrap discovery and the discovery manager;
 * {@code bootstrap/list} names what was given, and a bootstrap address without a peer id is refused at start.
 */
class BootstrapIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration FIND = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void aDaemonStartedWithBootstrapConnectsToItsBootstrapPeer() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (Daemon a = Daemon.start("daemon", "--repo", repoA.toString())) {
            a.awaitLine("Daemon is ready", START);
            JsonNode idA = new Rpc(repoA).call("id");
            String addressA = idA.get("Addresses").get(0).asText();
            long started = System.nanoTime();
            try (Daemon b = Daemon.start("daemon", "--repo", repoB.toString(), "--bootstrap", addressA)) {
                b.awaitLine("Daemon is ready", START);
                long ready = System.nanoTime();
                Rpc rpcB = new Rpc(repoB);
                long deadline = ready + FIND.toNanos();
                while (!peers(rpcB).contains(idA.get("ID").asText())) {
                    assertTrue(System.nanoTime() < deadline, "B did not connect to A within " + FIND.toSeconds()
                            + " s of being ready; B's output:\n" + b.output());
                    Thread.sleep(50);
                }
                System.out.printf("B connected to its bootstrap peer A %d ms after its start (%d ms after ready)%n",
                        (System.nanoTime() - started) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);
                assertEquals(List.of(addressA), texts(rpcB.call("bootstrap/list").get("Peers")));
                JsonNode bootstrap = rpcB.call("discovery/stats").get("Strategies").get("bootstrap");
                assertEquals(1, bootstrap.get("Connected").asInt(), bootstrap.toString());
                assertTrue(texts(new Rpc(repoA).call("bootstrap/list").get("Peers")).isEmpty(),
                        "A runs the test profile: no bootstrap peers");
            }
        }
    }

    @Test
    void aBootstrapAddressWithoutAPeerIdIsRefused() throws Exception {
        Cli refused = Cli.run(START, "daemon", "--repo", temp.resolve("c").toString(), "--bootstrap", "/ip4/127.0.0.1/tcp/4001");
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("--bootstrap: '/ip4/127.0.0.1/tcp/4001' does not end in /p2p/<peer id>"),
                refused.output());
    }

    private static List<String> peers(Rpc rpc) throws Exception {
        List<String> peers = new ArrayList<>();
        rpc.call("swarm/peers").path("Peers").forEach(p -> peers.add(p.path("Peer").asText()));
        return peers;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
