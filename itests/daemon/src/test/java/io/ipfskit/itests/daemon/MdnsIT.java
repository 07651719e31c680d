package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.NamespacePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mDNS discovery between two daemons, each in a network namespace of its own joined by a veth pair
 * ({@link NamespacePair}; root and {@code ip} needed, skipped otherwise): with the test profile but mDNS switched on in
 * {@code etc/io.ipfskit.discovery.mdns.cfg} and the swarm on every interface, each finds the other and they connect
 * ({@code swarm peers} on each names the other's address); prints the time from both ready to both connected. Then a
 * {@code pubsub sub} stream on B keeps receiving A's messages across a restart of the mDNS bundle on both (issue 13:
 * a discovery strategy's swap disturbs no connection and no stream).
 */
class MdnsIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** Two query intervals and some: the first queries may go out before the other daemon listens. */
    private static final Duration FIND_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void twoDaemonsInNamespacesFindEachOtherAndAPubsubStreamSurvivesAnMdnsRestart() throws Exception {
        Optional<String> unavailable = NamespacePair.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "MdnsIT " + unavailable.orElseThrow());
        try (NamespacePair net = NamespacePair.create("ipfskit-mdns", 77)) {
            Path repoA = mdnsRepo(temp.resolve("a"));
            Path repoB = mdnsRepo(temp.resolve("b"));
            try (Daemon a = start(net, 0, repoA); Daemon b = start(net, 1, repoB)) {
                a.awaitLine("Daemon is ready", LIMIT);
                b.awaitLine("Daemon is ready", LIMIT);
                long ready = System.nanoTime();
                awaitPeer(net, 0, repoA, net.address(1), a, b);
                awaitPeer(net, 1, repoB, net.address(0), a, b);
                System.out.printf("MdnsIT: both connected %d ms after both were ready%n",
                        (System.nanoTime() - ready) / 1_000_000);
                pubsubStreamSurvivesAnMdnsRestart(net, repoA, repoB);
            }
        }
    }

    /** B's {@code pubsub sub} gets A's message, then another after both restart their mDNS bundle. */
    private void pubsubStreamSurvivesAnMdnsRestart(NamespacePair net, Path repoA, Path repoB) throws Exception {
        String topic = "mdns-restart";
        try (Daemon sub = Daemon.start(net.exec(1), Map.of(), "--repo", repoB.toString(), "pubsub", "sub", topic)) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (cli(net, 0, repoA, "pubsub", "peers", topic).isBlank()) {
                assertTrue(System.nanoTime() < deadline, "A never saw B subscribed to " + topic);
                Thread.sleep(200);
            }
            publish(net, repoA, topic, "before the restart");
            sub.awaitLine("before the restart", LIMIT);
            for (int side = 0; side < 2; side++) {
                String restarted = cli(net, side, side == 0 ? repoA : repoB, "shell", "-c",
                        "ipfs:restart io.ipfskit.discovery.mdns");
                assertTrue(restarted.startsWith("io.ipfskit.discovery.mdns ") && !restarted.contains("Error"), restarted);
            }
            publish(net, repoA, topic, "after the restart");
            sub.awaitLine("after the restart", LIMIT);
            assertTrue(ProcessHandle.of(sub.pid()).map(ProcessHandle::isAlive).orElse(false), "the sub stream is open");
        }
    }

    private void publish(NamespacePair net, Path repo, String topic, String text) throws Exception {
        Path file = Files.writeString(temp.resolve("message"), text + "\n");
        cli(net, 0, repo, "pubsub", "pub", topic, file.toString());
    }

    /** Runs a client verb in the namespace; returns its output. */
    private static String cli(NamespacePair net, int side, Path repo, String... verb) throws Exception {
        String[] arguments = new String[verb.length + 2];
        arguments[0] = "--repo";
        arguments[1] = repo.toString();
        System.arraycopy(verb, 0, arguments, 2, verb.length);
        try (Daemon cli = Daemon.start(net.exec(side), Map.of(), arguments)) {
            cli.awaitExit(LIMIT);
            return cli.output();
        }
    }

    /** A repo whose etc/ switches mDNS on (the test profile, otherwise kept, switches it off). */
    static Path mdnsRepo(Path repo) throws Exception {
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.discovery.mdns.cfg"),
                "enabled = true\n");
        return repo;
    }

    private static Daemon start(NamespacePair net, int side, Path repo) throws Exception {
        return Daemon.start(net.exec(side), Map.of(), "daemon", "--repo", repo.toString(), "--profile", "test",
                "--swarm", "/ip4/0.0.0.0/tcp/0", "--log-level", "io.ipfskit.discovery=debug");
    }

    /** Waits (bounded) until {@code swarm peers} in the namespace names a peer at the address. */
    private static void awaitPeer(NamespacePair net, int side, Path repo, String address, Daemon... daemons)
            throws Exception {
        long deadline = System.nanoTime() + FIND_LIMIT.toNanos();
        String peers = "";
        while (!peers.contains("/ip4/" + address + "/")) {
            assertTrue(System.nanoTime() < deadline, "namespace " + side + " not connected to " + address + " within "
                    + FIND_LIMIT.toSeconds() + " s; swarm peers: " + peers + "\noutput A:\n" + daemons[0].output()
                    + "\noutput B:\n" + daemons[1].output());
            Thread.sleep(200);
            peers = swarmPeers(net, side, repo);
        }
    }

    private static String swarmPeers(NamespacePair net, int side, Path repo) throws Exception {
        return cli(net, side, repo, "swarm", "peers");
    }
}
