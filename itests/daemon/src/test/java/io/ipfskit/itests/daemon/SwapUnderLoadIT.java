package io.ipfskit.itests.daemon;

import static io.ipfskit.itests.daemon.BitswapIT.address;
import static io.ipfskit.itests.daemon.BitswapIT.awaitTrue;
import static io.ipfskit.itests.daemon.BitswapIT.daemonArguments;
import static io.ipfskit.itests.daemon.BitswapIT.ok;
import static io.ipfskit.itests.daemon.BitswapIT.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap under load, three daemons: C fetches a 256 MiB file that A and B both hold. The fetch survives B's Bitswap
 * bundle stopping and starting in its middle (A serves the rest; B serves again afterwards), and a second fetch survives
 * C's cache tiers stopping and starting one after the other while blocks pour in. The bundles are swapped through the
 * RPC API's {@code bundle/*} commands, in step with the bytes received; the content is checked by its SHA-256.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwapUnderLoadIT {

    private static final long SIZE = 256L << 20;
    private static final long STEP = 24L << 20;
    /** How long a whole 256 MiB fetch may take on a loaded machine. */
    private static final Duration FETCH_LIMIT = Duration.ofSeconds(180);

    @TempDir
    static Path temp;

    private final List<Daemon> daemons = new ArrayList<>();
    private Path repoB;
    private Path repoC;
    private Rpc rpcC;
    private String idA;
    private String idB;
    private String cid;
    private byte[] digest;

    @BeforeAll
    void twoProvidersOfOneFileAndAFetcher() throws Exception {
        Path repoA = start("a");
        repoB = start("b");
        repoC = start("c");
        for (Daemon daemon : daemons) {
            daemon.awaitLine("Daemon is ready", FETCH_LIMIT);
        }
        rpcC = new Rpc(repoC);
        idA = new Rpc(repoA).call("id").get("ID").asText();
        idB = new Rpc(repoB).call("id").get("ID").asText();
        Path file = Content.randomFile(temp.resolve("big.bin"), SIZE, 13);
        digest = sha256(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"));
        cid = ok(repoA, "add", "-Q", file.toString());
        assertEquals(cid, ok(repoB, "add", "-Q", file.toString()), "both providers hold the same DAG");
        ok(repoC, "swarm", "connect", address(new Rpc(repoA)));
        ok(repoC, "swarm", "connect", address(new Rpc(repoB)));
    }

    @AfterAll
    void stopDaemons() throws Exception {
        for (Daemon daemon : daemons) {
            daemon.close();
        }
    }

    @Test
    @Order(1)
    void aFetchFromTwoProvidersSurvivesOneProvidersBitswapStoppingAndStarting() throws Exception {
        CompletableFuture<byte[]> fetched = fetchOnC();
        awaitTrue("B to be serving (" + STEP + " bytes from it)", () -> received(idB) > STEP);
        assertEquals("Resolved", bundle(repoB, "stop", "io.ipfskit.protocol.bitswap"));
        long fromA = received(idA);
        awaitTrue("the fetch to go on from A alone", () -> received(idA) > fromA + STEP);
        assertFalse(fetched.isDone(), "the file is not whole yet when B's Bitswap returns");
        assertEquals("Active", bundle(repoB, "start", "io.ipfskit.protocol.bitswap"));
        assertArrayEquals(digest, fetched.get(FETCH_LIMIT.toSeconds(), TimeUnit.SECONDS), "the whole file arrived");

        Path onlyOnB = Content.randomFile(temp.resolve("only-b.bin"), 300_000, 17);
        String small = ok(repoB, "add", "-Q", onlyOnB.toString());
        Path copy = temp.resolve("only-b.copy");
        ok(repoC, "cat", "-o", copy.toString(), small);
        assertEquals(-1, Files.mismatch(onlyOnB, copy), "B's restarted Bitswap serves the next request");
    }

    @Test
    @Order(2)
    void aFetchSurvivesTheCacheTiersStoppingAndStartingUnderIt() throws Exception {
        ok(repoC, "repo", "gc");
        assertEquals(List.of("memory", "disk", "flatfs"), tiers());
        CompletableFuture<byte[]> fetched = fetchOnC();
        long base = received(idA) + received(idB);
        String[][] swaps = {{"stop", "memory"}, {"stop", "disk"}, {"start", "memory"}, {"start", "disk"}};
        for (int i = 0; i < swaps.length; i++) {
            long mark = base + (i + 1) * STEP;
            awaitTrue("the fetch to reach " + mark + " bytes", () -> received(idA) + received(idB) > mark);
            bundle(repoC, swaps[i][0], "io.ipfskit.storage.tier." + swaps[i][1]);
        }
        assertFalse(fetched.isDone(), "the swaps happened while the file was coming");
        assertArrayEquals(digest, fetched.get(FETCH_LIMIT.toSeconds(), TimeUnit.SECONDS), "the whole file arrived");
        assertEquals(List.of("memory", "disk", "flatfs"), tiers(), "the tiers rejoined by their ranking");
        assertEquals("verify complete, all blocks validated.", ok(repoC, "repo", "verify"));
    }

    /** C's cat of the file over HTTP, read to its end in the background; completes with its SHA-256. */
    private CompletableFuture<byte[]> fetchOnC() throws Exception {
        HttpResponse<InputStream> response = rpcC.send(HttpRequest.newBuilder(rpcC.uri("cat?arg=" + cid))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                done.complete(sha256(response.body(), MessageDigest.getInstance("SHA-256")));
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, "cat-reader");
        reader.setDaemon(true);
        reader.start();
        return done;
    }

    private Path start(String name) throws Exception {
        Path repo = temp.resolve(name);
        daemons.add(Daemon.start(daemonArguments(repo)));
        return repo;
    }

    /** Stops or starts a bundle of the repo's daemon through the RPC API (at once: no client process to start). */
    private static String bundle(Path repo, String operation, String name) throws Exception {
        return new Rpc(repo).call("bundle/" + operation + "?arg=" + name).get("State").asText();
    }

    /** Bytes C's ledger says it received from the peer. */
    private long received(String peer) throws Exception {
        return rpcC.call("bitswap/ledger?arg=" + peer).get("Recv").asLong();
    }

    private List<String> tiers() throws Exception {
        List<String> names = new ArrayList<>();
        rpcC.call("storage/tiers").get("Tiers").forEach(t -> names.add(t.get("tier").asText()));
        return names;
    }
}
