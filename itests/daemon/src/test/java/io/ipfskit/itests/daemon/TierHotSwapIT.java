package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage tier bundles stop and start under a running node: tiers leave and rejoin by ranking, content stays. */
class TierHotSwapIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path repo;

    @Test
    void tiersLeaveAndRejoinWithoutLosingContent() throws Exception {
        Rpc rpc = new Rpc(repo);
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            daemon.awaitLine("Daemon is ready", LIMIT);
            byte[] data = new byte[2 * 1024 * 1024 + 3];
            new Random(11).nextBytes(data);
            String cid = rpc.add("content", data);
            assertArrayEquals(data, rpc.bytes("cat?arg=" + cid));
            assertEquals(List.of("memory", "disk", "flatfs"), tierNames(rpc), "tiers fastest first");
            assertTrue(shell("ipfs:rpc pin/ls").output().contains(cid), "every RPC command is a shell command too");
            assertTrue(shell("ipfs:rpc storage/tiers").output().contains("\"tier\":\"memory\""));

            shell("ipfs:stop io.ipfskit.storage.tier.memory");
            assertNull(rpc.tier("memory"), "a stopped tier leaves at once");
            assertArrayEquals(data, rpc.bytes("cat?arg=" + cid), "content is served by the remaining tiers");

            shell("ipfs:start io.ipfskit.storage.tier.memory");
            assertEquals(List.of("memory", "disk", "flatfs"), tierNames(rpc), "a started tier joins by its ranking");
            assertArrayEquals(data, rpc.bytes("cat?arg=" + cid));

            shell("ipfs:stop io.ipfskit.storage.flatfs");
            assertEquals(List.of("memory", "disk"), tierNames(rpc));
            shell("ipfs:start io.ipfskit.storage.flatfs");
            assertEquals(List.of("memory", "disk", "flatfs"), tierNames(rpc));
            assertTrue(rpc.call("pin/ls?arg=" + cid).toString().contains(cid), "the pin is kept");
            assertEquals("verify complete, all blocks validated.", rpc.call("repo/verify").get("Msg").asText(),
                    "the durable store lost nothing");
            assertTrue(rpc.tier("flatfs").get("items").asLong() > 0);
            assertArrayEquals(data, rpc.bytes("cat?arg=" + cid));
        }
    }

    private Cli shell(String command) throws Exception {
        Cli cli = Cli.run(LIMIT, "shell", "--repo", repo.toString(), "-c", command);
        assertEquals(0, cli.exitCode(), command + ": " + cli.output());
        return cli;
    }

    private static List<String> tierNames(Rpc rpc) throws Exception {
        List<String> names = new ArrayList<>();
        rpc.call("storage/tiers").get("Tiers").forEach(t -> names.add(t.get("tier").asText()));
        return names;
    }
}
