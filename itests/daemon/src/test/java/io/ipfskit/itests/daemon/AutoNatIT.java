package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AutoNAT v1 between two daemons: A, probing every 2 s ({@code etc/io.ipfskit.relay.cfg}), asks S to dial it back;
 * S's dial-backs reach A on loopback, and after three of them A's {@code swarm/reachability} turns from Unknown to
 * Public. (Private needs a NAT: the network-namespace test of issue 11.)
 */
class AutoNatIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private static String reachability(Rpc rpc) throws Exception {
        return rpc.call("swarm/reachability").get("Reachability").asText();
    }

    @Test
    void aDialledBackNodeBecomesPublic() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoS = temp.resolve("s");
        Files.writeString(Files.createDirectories(repoA.resolve("etc")).resolve("io.ipfskit.relay.cfg"),
                "autonatProbeSeconds = 2\n");
        try (Daemon a = Daemon.start(BitswapIT.daemonArguments(repoA));
                Daemon s = Daemon.start(BitswapIT.daemonArguments(repoS))) {
            a.awaitLine("Daemon is ready", LIMIT);
            s.awaitLine("Daemon is ready", LIMIT);
            Rpc rpcA = new Rpc(repoA);
            assertEquals("Unknown", reachability(rpcA));
            assertEquals("Unknown", BitswapIT.ok(repoA, "swarm", "reachability"), "the client verb says the same");
            BitswapIT.ok(repoA, "swarm", "connect", BitswapIT.address(new Rpc(repoS)));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!reachability(rpcA).equals("Public")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("A not Public within " + LIMIT + "; output:\n" + a.output());
                }
                Thread.sleep(100);
            }
            a.awaitLine("reachability: Public", LIMIT);
            assertEquals("Public", BitswapIT.ok(repoA, "swarm", "reachability"));
        }
    }
}
