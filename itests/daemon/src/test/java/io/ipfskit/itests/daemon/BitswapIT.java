package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks cross between daemons through Bitswap: B, connected to A, reads with {@code cat}, {@code get} and
 * {@code pin add} what only A holds (verified, in B's durable tier, unpinned unless pinned); {@code --offline} and
 * {@code --timeout} per request; the {@code bitswap stat|wantlist|ledger} verbs as kubo prints them; and, of two
 * providers, the one that has sent more killed with SIGKILL in the middle of a transfer, which then completes from the
 * other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BitswapIT {

    private static final long BIG = 64L << 20;
    /** Blocks of a 64 MiB file in kubo's layout: 256 leaves of 256 KiB, two parents of at most 174 links, a root. */
    private static final int BIG_BLOCKS = 259;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    static Path temp;

    private Daemon a;
    private Daemon b;
    private Path repoA;
    private Path repoB;
    private Rpc rpcA;
    private Rpc rpcB;
    private String idA;
    private String idB;

    @BeforeAll
    void twoConnectedDaemons() throws Exception {
        repoA = temp.resolve("a");
        repoB = temp.resolve("b");
        a = Daemon.start(daemonArguments(repoA));
        b = Daemon.start(daemonArguments(repoB));
        a.awaitLine("Daemon is ready", LIMIT);
        b.awaitLine("Daemon is ready", LIMIT);
        rpcA = new Rpc(repoA);
        rpcB = new Rpc(repoB);
        idA = rpcA.call("id").get("ID").asText();
        idB = rpcB.call("id").get("ID").asText();
        assertEquals("connect " + idA + " success", ok(repoB, "swarm", "connect", address(rpcA)));
    }

    @AfterAll
    void stopDaemons() throws Exception {
        for (Daemon daemon : new Daemon[] {a, b}) {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    @Order(1)
    void catOnBReturnsAFileOnlyAHoldsAndKeepsItDurableAndUnpinned() throws Exception {
        Path big = Content.randomFile(temp.resolve("big.bin"), BIG, 1);
        String cid = ok(repoA, "add", "-Q", big.toString());
        failsWith(repoB, "block not found", "cat", "--offline", cid);
        long durableBefore = rpcB.tier("flatfs").get("items").asLong();
        long receivedBefore = rpcB.call("bitswap/stat").get("BlocksReceived").asLong();

        Path copy = temp.resolve("big.copy");
        ok(repoB, "cat", "-o", copy.toString(), cid);
        assertEquals(-1, Files.mismatch(big, copy), "B wrote A's bytes");

        assertEquals("verify complete, all blocks validated.", ok(repoB, "repo", "verify"));
        long received = rpcB.call("bitswap/stat").get("BlocksReceived").asLong() - receivedBefore;
        assertEquals(BIG_BLOCKS, received, "each block came once over Bitswap");
        assertEquals(durableBefore + BIG_BLOCKS, rpcB.tier("flatfs").get("items").asLong(),
                "every fetched block is in B's durable tier");
        assertFalse(ok(repoB, "pin", "ls").contains(cid), "fetched content is not pinned");
        Path offlineCopy = temp.resolve("big.offline");
        ok(repoB, "cat", "--offline", "-o", offlineCopy.toString(), cid);
        assertEquals(-1, Files.mismatch(big, offlineCopy), "B now serves the file without the network");
    }

    @Test
    @Order(2)
    void getOnBWritesATreeOnlyAHolds() throws Exception {
        Path tree = Content.tree(temp.resolve("tree"), 2);
        String root = ok(repoA, "add", "-r", "-Q", tree.toString());
        Path copy = temp.resolve("tree.copy");
        assertEquals("Saving file(s) to " + copy, ok(repoB, "get", "-o", copy.toString(), root));
        Content.assertSameTree(tree, copy);
    }

    @Test
    @Order(3)
    void pinAddOnBFetchesAndPinsContentOnlyAHolds() throws Exception {
        Path file = Content.randomFile(temp.resolve("pinned.bin"), 8L << 20, 3);
        String cid = ok(repoA, "add", "-Q", file.toString());
        assertEquals("pinned " + cid + " recursively", ok(repoB, "pin", "add", cid));
        assertEquals(cid + " recursive", ok(repoB, "pin", "ls", cid));
        Path copy = temp.resolve("pinned.copy");
        ok(repoB, "cat", "--offline", "-o", copy.toString(), cid);
        assertEquals(-1, Files.mismatch(file, copy), "the pinned DAG is whole on B");
    }

    @Test
    @Order(4)
    void offlinePerRequestFailsWithNotFoundAndFetchesNothing() throws Exception {
        Path file = Content.randomFile(temp.resolve("offline.bin"), 100_000, 4);
        String cid = ok(repoA, "add", "-Q", file.toString());
        long receivedBefore = rpcB.call("bitswap/stat").get("BlocksReceived").asLong();
        long sentBefore = rpcA.call("bitswap/ledger?arg=" + idB).get("Sent").asLong();

        failsWith(repoB, "block not found", "cat", "--offline", cid);
        HttpResponse<String> viaRpc = rpcB.send(HttpRequest.newBuilder(rpcB.uri("cat?arg=" + cid + "&offline=true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, viaRpc.statusCode(), viaRpc.body());
        assertTrue(viaRpc.body().startsWith("{\"Message\":\"block not found"), viaRpc.body());

        assertEquals(receivedBefore, rpcB.call("bitswap/stat").get("BlocksReceived").asLong(), "B received nothing");
        assertEquals(sentBefore, rpcA.call("bitswap/ledger?arg=" + idB).get("Sent").asLong(), "A sent B nothing");
        assertFalse(ok(repoA, "bitswap", "wantlist", "--peer", idB).contains(cid), "B never asked A for it");
        failsWith(repoB, "block not found", "block", "stat", "--offline", cid);
        // The same request online fetches it: only the option kept it local.
        assertArrayEquals(Files.readAllBytes(file), rpcB.bytes("cat?arg=" + cid));
    }

    @Test
    @Order(5)
    void timeoutFailsInTimeWhileTheWantIsOnBothWantlists() throws Exception {
        String missing = contentNobodyHas();
        long start = System.nanoTime();
        try (Daemon cat = Daemon.start("--repo", repoB.toString(), "cat", "--timeout=10s", missing)) {
            awaitTrue("B's wantlist shows the CID", () -> ok(repoB, "bitswap", "wantlist").lines().toList().contains(missing));
            awaitTrue("A holds B's want", () -> ok(repoA, "bitswap", "wantlist", "-p", idB).lines().toList().contains(missing));
            int code = cat.awaitExit(Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            String output = cat.output().strip();
            assertEquals(1, code, output);
            assertEquals("Error: timed out retrieving " + missing + ": the request's timeout of 10s passed", output);
            assertTrue(seconds >= 10 && seconds < 25, "failed after " + seconds + " s, for a 10 s timeout");
        }
        awaitTrue("the want left B's wantlist", () -> !ok(repoB, "bitswap", "wantlist").contains(missing));
        awaitTrue("B cancelled it at A", () -> !ok(repoA, "bitswap", "wantlist", "--peer", idB).contains(missing));
    }

    @Test
    @Order(6)
    void bitswapVerbsPrintAsKubo() throws Exception {
        JsonNode stat = rpcB.call("bitswap/stat");
        assertTrue(stat.get("BlocksReceived").asLong() > BIG_BLOCKS && stat.get("DataReceived").asLong() > BIG, stat.toString());
        String expected = "bitswap status\n"
                + "\tblocks received: " + stat.get("BlocksReceived").asLong() + "\n"
                + "\tblocks sent: " + stat.get("BlocksSent").asLong() + "\n"
                + "\tdata received: " + stat.get("DataReceived").asLong() + "\n"
                + "\tdata sent: " + stat.get("DataSent").asLong() + "\n"
                + "\tdup blocks received: " + stat.get("DupBlksReceived").asLong() + "\n"
                + "\tdup data received: " + stat.get("DupDataReceived").asLong() + "\n"
                + "\twantlist [0 keys]\n"
                + "\tpartners [1]";
        assertEquals(expected, ok(repoB, "bitswap", "stat"));
        assertEquals(expected + "\n\t\t" + idA, ok(repoB, "bitswap", "stat", "-v"));
        String human = ok(repoB, "bitswap", "stat", "--human");
        assertTrue(Pattern.compile("^\tdata received: \\d+ MB$", Pattern.MULTILINE).matcher(human).find(), human);
        assertTrue(human.contains("\n\tdata sent: 0 B\n"), human);
        assertEquals("", ok(repoB, "bitswap", "wantlist"));

        JsonNode ledger = rpcB.call("bitswap/ledger?arg=" + idA);
        assertEquals("Ledger for " + idA + "\nDebt ratio:\t0.000000\nExchanges:\t" + ledger.get("Exchanged").asLong()
                + "\nBytes sent:\t0\nBytes received:\t" + ledger.get("Recv").asLong(), ok(repoB, "bitswap", "ledger", idA));
        String fromA = ok(repoA, "bitswap", "ledger", idB);
        assertTrue(fromA.matches("Ledger for " + idB + "\nDebt ratio:\t\\d+\\.\\d{6}\nExchanges:\t\\d+\nBytes sent:\t\\d+"
                + "\nBytes received:\t0"), fromA);
        failsWith(repoB, "invalid peer id", "bitswap", "ledger", "not-a-peer");
    }

    @Test
    @Order(7)
    void aProviderKilledInTheMiddleOfATransferLeavesTheFetchToTheOther() throws Exception {
        Path repoC = temp.resolve("c");
        Path big = Content.randomFile(temp.resolve("shared.bin"), BIG, 7);
        byte[] expected = sha256(Files.newInputStream(big), MessageDigest.getInstance("SHA-256"));
        try (Daemon c = Daemon.start(daemonArguments(repoC))) {
            c.awaitLine("Daemon is ready", LIMIT);
            Rpc rpcC = new Rpc(repoC);
            String idC = rpcC.call("id").get("ID").asText();
            String cid = ok(repoA, "add", "-Q", big.toString());
            assertEquals(cid, ok(repoC, "add", "-Q", big.toString()), "both providers hold the same DAG");
            ok(repoB, "swarm", "connect", address(rpcC));
            long baseA = received(idA);

            HttpResponse<InputStream> response = rpcB.send(HttpRequest.newBuilder(rpcB.uri("cat?arg=" + cid))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream body = response.body()) {
                // The reader pauses after 8 MiB; the fetch runs only a bounded window ahead of it.
                digest.update(within(() -> body.readNBytes(8 << 20)));
                long fromA = received(idA) - baseA;
                long fromC = received(idC);
                assertTrue(fromA + fromC < BIG - (16 << 20), "most of the file is still to come: " + (fromA + fromC));
                // The provider that sent more is surely in the middle of serving: SIGKILL it.
                boolean killA = fromA >= fromC;
                String survivor = killA ? idC : idA;
                long survivorBefore = received(survivor);
                (killA ? a : c).close();
                String victim = killA ? idA : idC;
                awaitTrue("B saw the killed provider go", () -> !rpcB.call("swarm/peers").toString().contains(victim));
                byte[] whole = within(() -> sha256(body, digest));
                assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(whole), "the whole file arrived");
                assertTrue(received(survivor) > survivorBefore, "the surviving provider sent the rest");
            }
        }
    }

    /** Bytes B's ledger says it received from the peer. */
    private long received(String peer) throws Exception {
        return rpcB.call("bitswap/ledger?arg=" + peer).get("Recv").asLong();
    }

    /** The CID of content that no node holds any more: added on A, unpinned and collected. */
    private String contentNobodyHas() throws Exception {
        Path file = Content.randomFile(temp.resolve("gone.bin"), 1000, 5);
        String cid = ok(repoA, "add", "-Q", file.toString());
        ok(repoA, "pin", "rm", cid);
        ok(repoA, "repo", "gc");
        failsWith(repoA, "block not found", "block", "stat", "--offline", cid);
        return cid;
    }

    /** A daemon on the repo with its API and swarm on free loopback ports (this suite's and SwapUnderLoadIT's helpers follow). */
    static String[] daemonArguments(Path repo) {
        return new String[] {"daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
            "/ip4/127.0.0.1/tcp/0"};
    }

    /** The node's first swarm address, with its peer id. */
    static String address(Rpc rpc) throws Exception {
        return rpc.call("id").get("Addresses").get(0).asText();
    }

    /** Reads the stream to its end into the digest, and closes it; returns the digest. */
    static byte[] sha256(InputStream in, MessageDigest digest) throws Exception {
        try (in) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** The value of a blocking read, which must come within the limit. */
    static <T> T within(Callable<T> read) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            return reader.submit(read).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
    }

    /** Runs a verb on the repo's daemon, expecting success; returns its output without surrounding blank space. */
    static String ok(Path repo, String... verb) throws Exception {
        Cli cli = run(repo, verb);
        assertEquals(0, cli.exitCode(), String.join(" ", verb) + ": " + cli.output());
        return cli.output().strip();
    }

    static void failsWith(Path repo, String text, String... verb) throws Exception {
        Cli cli = run(repo, verb);
        String output = cli.output().strip();
        assertEquals(1, cli.exitCode(), String.join(" ", verb) + ": " + output);
        assertTrue(output.startsWith("Error: ") && output.contains(text), output);
    }

    private static Cli run(Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        return Cli.run(LIMIT, arguments.toArray(String[]::new));
    }

    static void awaitTrue(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A condition polled until it holds. */
    interface Condition {
        boolean holds() throws Exception;
    }
}
