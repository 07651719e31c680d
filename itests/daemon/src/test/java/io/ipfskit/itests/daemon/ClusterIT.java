package io.ipfskit.itests.daemon;

import static io.ipfskit.itests.daemon.BitswapIT.awaitTrue;
import static io.ipfskit.itests.daemon.BitswapIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Pubsub;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of three daemons (a master, two workers, each connected to the master): {@code cluster/pin/add} with
 * replication 2 on the master ends with the content pinned on both workers ({@code pin/ls} on each, and
 * {@code cluster/status}); a worker is killed, a new one joins, and the master re-places the replica on it; a fourth
 * daemon with the wrong secret, a master on the same topic, changes nothing; {@code cluster/pin/rm} unpins on the
 * workers after the master's restart (its state kept); content read often on a worker is fetched by the master; the
 * CLI verbs and Gogo print. Prints the time from pin/add to pinned on both workers and the re-placement time.
 */
class ClusterIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String NAME = "itest";
    private static final String TOPIC = "/ipfs-kit/cluster/1.0.0/" + NAME;
    private static final String SECRET = "2f1c6a0e9b8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a091";
    private static final String WRONG = "ff1c6a0e9b8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a091";
    private static final int HEARTBEAT_MILLIS = 300;
    private static final int HOT_THRESHOLD = 5;

    @TempDir
    Path temp;

    private Path repo(String name, String secret) throws Exception {
        Path repo = temp.resolve(name);
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.cluster.cfg"),
                "name = " + NAME + "\nsecret = " + secret + "\nheartbeatMillis = " + HEARTBEAT_MILLIS
                        + "\nmissedHeartbeats = 3\nhotThreshold = " + HOT_THRESHOLD + "\n");
        return repo;
    }

    private static Daemon start(Path repo, String role) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(BitswapIT.daemonArguments(repo)));
        arguments.addAll(List.of("--role", role));
        Daemon daemon = Daemon.start(arguments.toArray(String[]::new));
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private static String id(Rpc rpc) throws Exception {
        return rpc.call("id").get("ID").asText();
    }

    private static Set<String> members(Rpc rpc) throws Exception {
        Set<String> ids = new TreeSet<>();
        rpc.call("cluster/peers").forEach(peer -> ids.add(peer.get("id").asText()));
        return ids;
    }

    private static boolean pinned(Rpc rpc, String cid) throws Exception {
        return rpc.call("pin/ls?type=recursive").path("Keys").has(cid);
    }

    /** Whether cluster/status names exactly these workers, each with status pinned. */
    private static boolean pinnedOn(Rpc master, String cid, Set<String> workers) throws Exception {
        JsonNode peerMap = master.call("cluster/status?arg=" + cid).get("peer_map");
        Set<String> pinnedOn = new TreeSet<>();
        peerMap.fields().forEachRemaining(e -> {
            if (e.getValue().get("status").asText().equals("pinned")) {
                pinnedOn.add(e.getKey());
            }
        });
        return peerMap.size() == workers.size() && pinnedOn.equals(new TreeSet<>(workers));
    }

    @Test
    void theMasterPlacesReplicasOnWorkersAndReplacesALostOne() throws Exception {
        Path repoM = repo("master", SECRET);
        Path repo1 = repo("worker1", SECRET);
        Path repo2 = repo("worker2", SECRET);
        Path repo3 = repo("worker3", SECRET);
        Path repoX = repo("impostor", WRONG);
        try (Daemon master = start(repoM, "master"); Daemon w1 = start(repo1, "worker"); Daemon w2 = start(repo2, "worker")) {
            Rpc rpcM = new Rpc(repoM);
            Rpc rpc1 = new Rpc(repo1);
            Rpc rpc2 = new Rpc(repo2);
            String idM = id(rpcM);
            String id1 = id(rpc1);
            String id2 = id(rpc2);
            String addressM = BitswapIT.address(rpcM);
            ok(repo1, "swarm", "connect", addressM);
            ok(repo2, "swarm", "connect", addressM);
            awaitTrue("the master hears both workers", () -> members(rpcM).equals(new TreeSet<>(Set.of(idM, id1, id2))));

            byte[] content = new byte[600_000];
            new Random(7).nextBytes(content);
            String cid = rpcM.add("cluster-content", content);
            long added = System.nanoTime();
            JsonNode pin = rpcM.call("cluster/pin/add?arg=" + cid + "&replication=2");
            assertEquals(cid, pin.get("cid").asText());
            assertEquals(2, pin.get("replication_factor_min").asInt());
            assertEquals(new TreeSet<>(Set.of(id1, id2)), names(pin.get("allocations")));
            awaitTrue("both workers pinned it", () -> pinned(rpc1, cid) && pinned(rpc2, cid));
            awaitTrue("cluster/status says pinned on both", () -> pinnedOn(rpcM, cid, Set.of(id1, id2)));
            double toPinned = (System.nanoTime() - added) / 1e9;
            String status = ok(repoM, "cluster", "status", cid);
            assertTrue(status.startsWith(cid + ":") && status.contains("> " + id1 + " : PINNED")
                    && status.contains("> " + id2 + " : PINNED"), status);
            String gogo = ok(repoM, "shell", "-c", "ipfs:cluster status " + cid);
            assertTrue(gogo.contains(id1 + " pinned") && gogo.contains(id2 + " pinned"), gogo);
            String peers = ok(repoM, "cluster", "peers");
            assertTrue(peers.contains(idM + " master") && peers.contains("(leader) (self)") && peers.contains(id1 + " worker"),
                    peers);

            // Content read often on a worker is hot across the cluster: the master fetches it.
            String hot = rpc2.add("hot", "read again and again".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertFalse(has(rpcM, hot));
            for (int i = 0; i <= 2 * HOT_THRESHOLD; i++) {
                rpc2.bytes("cat?arg=" + hot);
            }
            long read = System.nanoTime();
            awaitTrue("the master fetched the hot content", () -> has(rpcM, hot));
            double toHotFetched = (System.nanoTime() - read) / 1e9;

            // A worker refuses cluster pins: only a master accepts them.
            Cli refused = Cli.run(LIMIT, "--repo", repo1.toString(), "cluster", "pin", "add", cid);
            assertEquals(1, refused.exitCode(), refused.output());
            assertTrue(refused.output().startsWith("Error: only a master accepts cluster pins"), refused.output());

            long killed = System.nanoTime();
            w1.close();
            try (Daemon w3 = start(repo3, "worker")) {
                Rpc rpc3 = new Rpc(repo3);
                String id3 = id(rpc3);
                ok(repo3, "swarm", "connect", addressM);
                long connected = System.nanoTime();
                awaitTrue("the replica moved to the new worker", () -> pinnedOn(rpcM, cid, Set.of(id2, id3)));
                assertTrue(pinned(rpc3, cid));
                double toReplaced = (System.nanoTime() - killed) / 1e9;
                double fromConnected = (System.nanoTime() - connected) / 1e9;

                impostorChangesNothing(repoX, rpcM, addressM, Set.of(idM, id2, id3), rpc2, rpc3);

                // The master's pin state survives its restart: the workers, connected again, report the pin pinned.
                master.terminate();
                assertTrue(master.awaitExit(LIMIT) >= 0);
                try (Daemon restarted = start(repoM, "master")) {
                    String newAddress = BitswapIT.address(rpcM);
                    ok(repo2, "swarm", "connect", newAddress);
                    ok(repo3, "swarm", "connect", newAddress);
                    awaitTrue("the restarted master knows the pin and its replicas",
                            () -> pinnedOn(rpcM, cid, Set.of(id2, id3)));

                    String removed = ok(repoM, "cluster", "pin", "rm", cid);
                    assertTrue(removed.startsWith("unpinned " + cid), removed);
                    awaitTrue("the workers unpinned it", () -> !pinned(rpc2, cid) && !pinned(rpc3, cid));
                }
                System.out.printf("cluster: pin/add to pinned on both workers %.2f s; worker killed to replica pinned on "
                        + "a new worker %.2f s (its start included), %.2f s from its connection (heartbeat %d ms, 3 "
                        + "missed); hot content on a worker fetched by the master %.2f s after the reads%n", toPinned,
                        toReplaced, fromConnected, HEARTBEAT_MILLIS, toHotFetched);
            }
        }
    }

    /** A master with the wrong secret on the cluster's topic: no member lists it, and its pins reach no worker. */
    private void impostorChangesNothing(Path repoX, Rpc rpcM, String addressM, Set<String> cluster, Rpc... workers)
            throws Exception {
        try (Daemon impostor = start(repoX, "master")) {
            Rpc rpcX = new Rpc(repoX);
            String idX = id(rpcX);
            ok(repoX, "swarm", "connect", addressM);
            awaitTrue("the impostor is on the cluster's topic",
                    () -> rpcM.call("pubsub/peers?arg=" + Pubsub.topic(TOPIC)).get("Strings").toString().contains(idX));
            String forged = rpcX.add("forged", "forged content".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode pin = rpcX.call("cluster/pin/add?arg=" + forged + "&replication=2");
            assertEquals(0, pin.get("allocations").size(), "the impostor hears no worker of the cluster");
            // Let several heartbeat rounds pass after the impostor joined: the master's view of a worker moves on.
            long seen = lastSeen(rpcM, workers[0]);
            awaitTrue("three more heartbeats of a worker", () -> lastSeen(rpcM, workers[0]) - seen >= 3 * HEARTBEAT_MILLIS);
            assertEquals(new TreeSet<>(cluster), members(rpcM), "the master does not list the impostor");
            assertEquals(Set.of(idX), members(rpcX), "the impostor hears nobody either");
            for (Rpc worker : workers) {
                assertFalse(pinned(worker, forged));
            }
        }
    }

    /** Whether the node holds the block (never fetching it). */
    private static boolean has(Rpc rpc, String cid) throws Exception {
        try {
            rpc.call("block/stat?offline=true&arg=" + cid);
            return true;
        } catch (AssertionError missing) {
            return false;
        }
    }

    private static long lastSeen(Rpc master, Rpc worker) throws Exception {
        String id = id(worker);
        for (JsonNode peer : master.call("cluster/peers")) {
            if (peer.get("id").asText().equals(id)) {
                return java.time.Instant.parse(peer.get("last_seen").asText()).toEpochMilli();
            }
        }
        return 0;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
