package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.RunningNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubo's {@code stats bw} after A fetched 3 MiB from B over Bitswap: A counted at least that much in, in all, from B
 * and over Bitswap 1.2.0, nothing over a protocol never spoken; B counted it out; the CLI prints kubo's lines; asking
 * for a peer and a protocol at once is kubo's error.
 */
class StatsBwIT {

    private static final int SIZE = 3 * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void countsWhatBitswapCarried() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (RunningNode a = RunningNode.start(repoA, BitswapIT.daemonArguments(repoA));
                RunningNode b = RunningNode.start(repoB, BitswapIT.daemonArguments(repoB))) {
            byte[] content = new byte[SIZE];
            new Random(23).nextBytes(content);
            String cid = BitswapIT.ok(repoB, "add", "-Q", Files.write(temp.resolve("file"), content).toString());
            BitswapIT.ok(repoA, "swarm", "connect", b.address());
            BitswapIT.ok(repoA, "cat", "-o", temp.resolve("copy").toString(), cid);

            // the peer's count before the total: traffic goes on (the DHT announces what A fetched), and counts only grow
            JsonNode fromB = a.rpc().call("stats/bw?peer=" + b.id());
            JsonNode total = a.rpc().call("stats/bw");
            JsonNode bitswap = a.rpc().call("stats/bw?proto=/ipfs/bitswap/1.2.0");
            for (JsonNode report : new JsonNode[] {total, fromB, bitswap}) {
                assertTrue(report.get("TotalIn").asLong() >= SIZE, report.toString());
            }
            assertTrue(total.get("TotalIn").asLong() >= fromB.get("TotalIn").asLong());
            assertEquals(0, a.rpc().call("stats/bw?proto=/never/spoken").get("TotalIn").asLong());
            assertTrue(b.rpc().call("stats/bw?peer=" + a.id()).get("TotalOut").asLong() >= SIZE);

            String printed = BitswapIT.ok(repoA, "stats", "bw", "--proto", "/ipfs/bitswap/1.2.0");
            assertTrue(printed.matches("(?s)Bandwidth\nTotalIn: [0-9.]+ MB\nTotalOut: .*\nRateIn: .*/s\nRateOut: .*/s"),
                    printed);
            BitswapIT.failsWith(repoA, "please only specify peer OR protocol", "stats", "bw", "--peer", b.id(), "--proto",
                    "/ipfs/bitswap/1.2.0");
        }
    }
}
