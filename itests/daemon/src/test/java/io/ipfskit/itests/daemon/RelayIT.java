package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Circuit relay v2 between three daemons: A holds a reservation on R ({@code --relay}) and advertises its
 * {@code /p2p-circuit} address in {@code id}; B, which knows no direct address of A, dials that address, and the
 * relayed connection (Noise and yamux run end to end over it) carries a file over Bitswap within the relay's limits.
 * A runs without hole punching, which on loopback would replace the relayed connection at once (NatIT punches).
 */
class RelayIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private static List<String> addresses(Rpc rpc) throws Exception {
        List<String> out = new ArrayList<>();
        rpc.call("id").get("Addresses").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** A's relayed address, waiting (bounded) until its reservation holds. */
    private static String relayedAddress(Rpc rpc) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            for (String a : addresses(rpc)) {
                if (a.contains("/p2p-circuit/")) {
                    return a;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no /p2p-circuit address in id within " + LIMIT + ": " + addresses(rpc));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void bFetchesAFileFromAThroughTheRelay() throws Exception {
        Path repoR = temp.resolve("r");
        Path repoA = temp.resolve("a");
        Files.writeString(Files.createDirectories(repoA.resolve("etc")).resolve("io.ipfskit.relay.cfg"),
                "holePunching = false\n");
        Path repoB = temp.resolve("b");
        try (Daemon r = Daemon.start(BitswapIT.daemonArguments(repoR))) {
            r.awaitLine("Daemon is ready", LIMIT);
            Rpc rpcR = new Rpc(repoR);
            String relay = BitswapIT.address(rpcR);
            String[] withRelay = Stream.concat(Stream.of(BitswapIT.daemonArguments(repoA)), Stream.of("--relay", relay))
                    .toArray(String[]::new);
            try (Daemon a = Daemon.start(withRelay); Daemon b = Daemon.start(BitswapIT.daemonArguments(repoB))) {
                a.awaitLine("Daemon is ready", LIMIT);
                b.awaitLine("Daemon is ready", LIMIT);
                Rpc rpcA = new Rpc(repoA);
                Rpc rpcB = new Rpc(repoB);
                long reserving = System.nanoTime();
                String circuit = relayedAddress(rpcA);
                System.out.printf("reservation held %d ms after the daemon was ready%n",
                        (System.nanoTime() - reserving) / 1_000_000);
                String idA = rpcA.call("id").get("ID").asText();
                assertTrue(circuit.startsWith(relay + "/p2p-circuit/p2p/" + idA), circuit);

                BitswapIT.ok(repoB, "swarm", "connect", circuit);
                List<String> seen = rpcB.connectionAddresses(idA);
                assertEquals(1, seen.size(), "one connection to A: " + rpcB.call("swarm/peers") + "\nA's:"
                        + rpcA.call("swarm/peers"));
                assertTrue(seen.get(0).contains("/p2p-circuit"), "B reaches A through the relay: " + seen);

                byte[] content = new byte[40 * 1024];
                new Random(5).nextBytes(content);
                Path file = Files.write(temp.resolve("relayed.bin"), content);
                String cid = BitswapIT.ok(repoA, "add", "-Q", "--raw-leaves", file.toString());
                Path copy = temp.resolve("copy.bin");
                long fetching = System.nanoTime();
                BitswapIT.ok(repoB, "cat", "--timeout", "60s", "-o", copy.toString(), cid);
                System.out.printf("40 KiB over the relay in %d ms%n", (System.nanoTime() - fetching) / 1_000_000);
                assertEquals(-1L, Files.mismatch(file, copy), "B read A's file");
                assertTrue(rpcB.connectionAddresses(idA).stream().allMatch(x -> x.contains("/p2p-circuit")),
                        "the file came over the relayed connection");
            }
        }
    }
}
