package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PubSub peer discovery across three daemons on loopback: A and C are each connected only to B; A's announcement on
 * {@code _peer-discovery._p2p._pubsub} reaches C through B (and C's reaches A), and the discovery manager of one of
 * them connects them: its {@code discovery/stats} counts a connection for the {@code pubsub} strategy (the other finds
 * the peer connected already). Nothing else may find them: the random walk is held off
 * ({@code initialDelaySeconds = 3600}) and A and C are DHT clients, so B's DHT never names one to the other. Prints
 * the time from the connections to B.
 */
class PubsubDiscoveryIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** Two announcement intervals and some: the first announcement goes out before anyone is on the topic. */
    private static final Duration FIND_LIMIT = Duration.ofSeconds(40);

    @TempDir
    Path temp;

    @Test
    void twoDaemonsSharingOnlyAPeerFindEachOtherThroughPubsub() throws Exception {
        Path repoA = dhtClient(withoutRandomWalk(temp.resolve("a")));
        Path repoB = withoutRandomWalk(temp.resolve("b"));
        Path repoC = dhtClient(withoutRandomWalk(temp.resolve("c")));
        try (Daemon a = Daemon.start(BitswapIT.daemonArguments(repoA));
                Daemon b = Daemon.start(BitswapIT.daemonArguments(repoB));
                Daemon c = Daemon.start(BitswapIT.daemonArguments(repoC))) {
            a.awaitLine("Daemon is ready", LIMIT);
            b.awaitLine("Daemon is ready", LIMIT);
            c.awaitLine("Daemon is ready", LIMIT);
            Rpc rpcA = new Rpc(repoA);
            Rpc rpcC = new Rpc(repoC);
            String addressB = BitswapIT.address(new Rpc(repoB));
            BitswapIT.ok(repoA, "swarm", "connect", addressB);
            BitswapIT.ok(repoC, "swarm", "connect", addressB);
            long connected = System.nanoTime();
            long deadline = connected + FIND_LIMIT.toNanos();
            while (pubsubConnections(rpcA) + pubsubConnections(rpcC) < 1) {
                assertTrue(System.nanoTime() < deadline, "A and C not connected through pubsub discovery within "
                        + FIND_LIMIT.toSeconds() + " s; A: " + rpcA.call("discovery/stats") + "\nC: "
                        + rpcC.call("discovery/stats"));
                Thread.sleep(200);
            }
            System.out.printf("PubsubDiscoveryIT: A and C connected through pubsub discovery %d ms after both "
                    + "connected to B%n", (System.nanoTime() - connected) / 1_000_000);
        }
    }

    private static Path withoutRandomWalk(Path repo) throws Exception {
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.discovery.randomwalk.cfg"),
                "initialDelaySeconds = 3600\n");
        return repo;
    }

    private static Path dhtClient(Path repo) throws Exception {
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.dht.kad.cfg"), "mode = client\n");
        return repo;
    }

    private static int pubsubConnections(Rpc rpc) throws Exception {
        JsonNode pubsub = rpc.call("discovery/stats").path("Strategies").path("pubsub");
        return pubsub.path("Connected").asInt(0);
    }
}
