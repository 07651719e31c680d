package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <repo>/api} and "Daemon is ready" mean the node serves; a component that cannot start stops it in one line. */
class ReadinessIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final int STARTS = 3;

    @TempDir
    Path temp;

    @Test
    void theMomentTheApiFileExistsIdHasAddressesAndAddSucceeds() throws Exception {
        for (int start = 0; start < STARTS; start++) {
            Path repo = temp.resolve("repo" + start);
            try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                    "--swarm", "/ip4/127.0.0.1/tcp/0")) {
                awaitFile(repo.resolve("api"), daemon);
                Rpc rpc = new Rpc(repo);
                JsonNode id = rpc.call("id");
                assertTrue(id.get("Addresses").size() > 0, "id lists the swarm addresses at once: " + id);
                String cid = rpc.add("hello.txt", ("hello from start " + start).getBytes(StandardCharsets.UTF_8));
                assertTrue(cid.startsWith("Qm"), cid);

                daemon.awaitLine("Daemon is ready", START);
                List<String> lines = daemon.output().lines().toList();
                int listening = indexOf(lines, "Swarm listening on /ip4/127.0.0.1/tcp/");
                int announcing = indexOf(lines, "Swarm announcing /ip4/127.0.0.1/tcp/");
                int api = indexOf(lines, "RPC API server listening on " + Files.readString(repo.resolve("api")).trim());
                int ready = indexOf(lines, "Daemon is ready");
                assertTrue(listening < announcing && announcing < api && api < ready, "kubo's order: " + lines);
            }
        }
    }

    @Test
    void aComponentWaitingForAServiceKeepsTheNodeFromReadinessAndIsNamed() throws Exception {
        Path repo = temp.resolve("unsatisfied");
        Files.createDirectories(repo.resolve("etc"));
        // The version command's Node reference can match no service: the component stays unsatisfied.
        Files.writeString(repo.resolve("etc/io.ipfskit.node.VersionCommand.cfg"), "$000.target = (no.such=node)\n");
        Cli cli = Cli.run(START, "daemon", "--feature", "core", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--ready-timeout", "3");
        assertEquals(1, cli.exitCode(), cli.output());
        assertEquals(List.of("Error: the node did not become ready within 3 s: component io.ipfskit.node.VersionCommand "
                + "is waiting for io.ipfskit.api.node.Node (no.such=node)"), errorLines(cli), cli.output());
        assertFalse(cli.output().contains("Daemon is ready"), cli.output());
        assertFalse(Files.exists(repo.resolve("api")), "no api file for a node that never became ready");
    }

    @Test
    void aComponentThatFailsToActivateStopsTheStartWithItsCause() throws Exception {
        Path repo = temp.resolve("failed");
        Files.createDirectories(repo.resolve("etc"));
        Files.writeString(repo.resolve("etc/io.ipfskit.host.cfg"), "listen = /ip4/127.0.0.1/tcp/0/nonsense\n");
        Cli cli = Cli.run(START, "daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0");
        assertEquals(1, cli.exitCode(), cli.output());
        assertEquals(List.of("Error: component io.ipfskit.host.internal.DefaultHost failed to activate: "
                + "IllegalArgumentException: unknown multiaddr protocol 'nonsense'"), errorLines(cli), cli.output());
        assertTrue(cli.output().lines().noneMatch(l -> l.startsWith("\tat ") || l.trim().startsWith("at ")), cli.output());
        assertFalse(Files.exists(repo.resolve("api")));
    }

    /** Waits (bounded, polling) for the file; what the test checks is the instant it appears. */
    private static void awaitFile(Path file, Daemon daemon) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + START.toSeconds() + " s:\n" + daemon.output());
            }
            Thread.sleep(2);
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in\n" + String.join("\n", lines));
    }

    static List<String> errorLines(Cli cli) {
        return cli.output().lines().filter(l -> l.startsWith("Error:") || l.contains(" ERROR ")).toList();
    }
}
