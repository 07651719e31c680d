package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons, A and C connected only to B (the one DHT server; A and C are DHT clients, so no lookup ever names
 * them and nothing connects them but the DHT's answer): C reads what only A holds, its provider found in B's records;
 * C finds A's addresses through B; and the admin verbs ({@code stats dht}, {@code dht query}, {@code routing
 * findpeer|findprovs|put|get}) on real daemons. The DHT keeps loopback addresses through {@code etc/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** Time allowed for a daemon to start on a loaded machine. */
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    static Path temp;

    private final List<Daemon> daemons = new ArrayList<>();
    private Path repoA;
    private Path repoB;
    private Path repoC;
    private String idA;
    private String idB;

    @BeforeAll
    void threeDaemons() throws Exception {
        repoA = repo("a", "client");
        repoB = repo("b", "server");
        repoC = repo("c", "client");
        for (Path repo : List.of(repoA, repoB, repoC)) {
            daemons.add(Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                    "/ip4/127.0.0.1/tcp/0"));
        }
        for (Daemon daemon : daemons) {
            daemon.awaitLine("Daemon is ready", START);
        }
        idA = new Rpc(repoA).call("id").get("ID").asText();
        idB = new Rpc(repoB).call("id").get("ID").asText();
        String addressB = new Rpc(repoB).call("id").get("Addresses").get(0).asText();
        assertEquals("connect " + idB + " success", ok(repoA, "swarm", "connect", addressB));
        assertEquals("connect " + idB + " success", ok(repoC, "swarm", "connect", addressB));
        awaitTrue("A's and C's public DHT tables to hold B", () -> tableHolds(repoA, idB) && tableHolds(repoC, idB));
    }

    /** A repo whose DHT runs in the mode given and keeps loopback addresses. */
    private static Path repo(String name, String mode) throws Exception {
        Path repo = temp.resolve(name);
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.dht.kad.cfg"),
                "mode = " + mode + "\nacceptPrivateAddresses = true\n");
        return repo;
    }

    @AfterAll
    void stopDaemons() throws Exception {
        for (Daemon daemon : daemons) {
            daemon.close();
        }
    }

    @Test
    @Order(1)
    void catOnCFetchesWhatOnlyAHoldsFoundThroughTheDht() throws Exception {
        Path file = Content.randomFile(temp.resolve("only-on-a.bin"), 3L << 20, 9);
        String cid = ok(repoA, "add", "-Q", file.toString());
        ok(repoA, "routing", "provide", "-r", cid);
        assertEquals(idB, ok(repoC, "swarm", "peers").lines().map(l -> l.substring(l.lastIndexOf('/') + 1))
                .reduce((x, y) -> x + "," + y).orElse(""), "C is connected to B alone");

        Path copy = temp.resolve("on-c.bin");
        ok(repoC, "cat", "-o", copy.toString(), cid);
        assertEquals(-1, Files.mismatch(file, copy), "C wrote A's bytes");
        assertTrue(ok(repoC, "swarm", "peers").contains("/p2p/" + idA), "C dialled A at the address the DHT gave");

        List<String> providers = ok(repoC, "routing", "findprovs", cid).lines().toList();
        assertFalse(providers.isEmpty());
        assertEquals(idA, providers.get(0), "the provider A is named first: " + providers);

        String tree = ok(repoA, "add", "-r", "-Q", Content.tree(temp.resolve("tree"), 9).toString());
        ok(repoA, "routing", "provide", "-r", tree);
        String child = ok(repoA, "ls", tree).lines().findFirst().orElseThrow().split(" ")[0];
        String addressA = new Rpc(repoA).call("id").get("Addresses").get(0).asText();
        ok(repoC, "swarm", "disconnect", addressA);
        assertTrue(ok(repoC, "routing", "findprovs", child).lines().anyMatch(idA::equals),
                "provide -r announced the blocks under the root too (C no longer connected to A: only B's record names A)");
    }

    @Test
    @Order(2)
    void findpeerOnCGivesAsAddressesThroughB() throws Exception {
        List<String> addresses = new ArrayList<>();
        new Rpc(repoA).call("id").get("Addresses").forEach(a -> addresses.add(a.asText()));
        String found = ok(repoC, "routing", "findpeer", idA);
        assertFalse(found.isEmpty());
        for (String line : found.lines().toList()) {
            assertTrue(addresses.contains(line + "/p2p/" + idA), line + " is one of A's addresses " + addresses);
        }
        JsonNode last = new Rpc(repoC).call("routing/findpeer?arg=" + idA);
        assertEquals(2, last.get("Type").asInt());
        assertEquals(idA, last.get("Responses").get(0).get("ID").asText());
    }

    @Test
    @Order(3)
    void adminVerbsOnRealDaemons() throws Exception {
        String table = ok(repoA, "stats", "dht", "wan");
        assertTrue(table.startsWith("DHT wan (1 peers):"), table);
        assertTrue(table.contains("@ " + idB), table);
        assertTrue(ok(repoC, "dht", "query", idA).lines().anyMatch(idB::equals), "B is among the closest");

        Path key = temp.resolve("pk");
        String pk = "/pk/" + idB;
        Files.write(key, Base64.getDecoder().decode(new Rpc(repoB).call("id").get("PublicKey").asText()));
        assertTrue(ok(repoC, "routing", "put", pk, key.toString()).lines().anyMatch(idB::equals),
                "the value went to B");
        Cli get = run(repoA, "routing", "get", pk);
        assertEquals(0, get.exitCode(), get.output());
        assertEquals(Base64.getEncoder().encodeToString(Files.readAllBytes(key)), new Rpc(repoA)
                .call("routing/get?arg=" + pk).get("Extra").asText(), "A gets B's key from the DHT");

        Cli missing = run(repoC, "routing", "get", "/pk/" + idB + "x");
        assertEquals(1, missing.exitCode(), missing.output());
        assertTrue(missing.output().startsWith("Error: "), missing.output());
        Files.write(key, new byte[] {1, 2, 3});
        Cli invalid = run(repoC, "routing", "put", pk, key.toString());
        assertEquals(1, invalid.exitCode(), invalid.output());
        assertTrue(invalid.output().contains("invalid value"), invalid.output());
        Cli unknown = run(repoB, "stats", "dht", "moon");
        assertEquals("Error: unknown dht type: moon", unknown.output().strip());
    }

    private static boolean tableHolds(Path repo, String peer) {
        try {
            for (JsonNode bucket : new Rpc(repo).lines("stats/dht?arg=wan").get(0).get("Buckets")) {
                for (JsonNode p : bucket.get("Peers")) {
                    if (p.get("ID").asText().equals(peer)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static String ok(Path repo, String... verb) throws Exception {
        Cli cli = run(repo, verb);
        assertEquals(0, cli.exitCode(), String.join(" ", verb) + ": " + cli.output());
        return cli.output().strip();
    }

    private static Cli run(Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        return Cli.run(LIMIT, arguments.toArray(String[]::new));
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
