package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed configuration: bad values are refused in one line and change nothing; good ones apply without a restart. */
class ConfigurationIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path repo;

    @Test
    void aBadValueInACfgFileIsRefusedAndTheHostKeepsRunningAsItWas() throws Exception {
        Path cfg = Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.host.cfg");
        try (Daemon daemon = start()) {
            Rpc rpc = new Rpc(repo);
            Files.writeString(cfg, "lowWater = 30\n");
            daemon.awaitLine("configuration io.ipfskit.host applied", LIMIT);
            String listening = rpc.call("swarm/addrs/listen").toString();

            Files.writeString(cfg, "lowWater = abc\n");
            String refused = daemon.awaitLine("lowWater = abc", LIMIT);
            assertTrue(refused.contains("ERROR io.ipfskit.config.ValidatingPlugin: configuration io.ipfskit.host: "
                    + "lowWater = abc refused (invalid value); expected Integer"), refused);
            assertTrue(refused.endsWith("keeping the previous configuration"), refused);

            assertEquals(listening, rpc.call("swarm/addrs/listen").toString(), "the host was not restarted: same ports");
            assertTrue(rpc.call("id").get("Addresses").size() > 0);
            assertTrue(shell("ipfs:components").output().matches("(?s).*active\\s+io\\.ipfskit\\.host\\.internal\\.DefaultHost.*"));
            String output = daemon.output();
            assertEquals(1, output.lines().filter(l -> l.contains("lowWater = abc")).count(), output);
            assertTrue(output.lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: " + output);
        }
    }

    @Test
    void aBadValueFromTheShellIsRefusedAndNothingChanges() throws Exception {
        try (Daemon daemon = start()) {
            Cli refused = shell("ipfs:config io.ipfskit.storage.tier.memory maxBytes lots");
            assertEquals(1, refused.exitCode(), refused.output());
            assertTrue(refused.output().startsWith("Error: configuration io.ipfskit.storage.tier.memory: maxBytes = lots "
                    + "refused (invalid value); expected Long"), refused.output());
            assertTrue(refused.output().endsWith("nothing changed"), refused.output());
            assertTrue(shell("ipfs:config io.ipfskit.storage.tier.memory maxBytes").output().contains("is not set"));
            Cli unknown = shell("ipfs:config io.ipfskit.host lowwater 5");
            assertEquals(1, unknown.exitCode(), unknown.output());
            assertTrue(unknown.output().contains("has no key lowwater"), unknown.output());

            Cli pids = shell("ipfs:config");
            assertTrue(pids.output().lines().anyMatch(l -> l.equals("io.ipfskit.host")), pids.output());
            assertTrue(pids.output().lines().anyMatch(l -> l.equals("io.ipfskit.rpc")), pids.output());
            Cli keys = shell("ipfs:config io.ipfskit.rpc");
            assertTrue(keys.output().lines().anyMatch(l -> l.startsWith("workers = (default)    default: 8    Integer")),
                    keys.output());

            Cli set = shell("ipfs:config io.ipfskit.host lowWater 25");
            assertEquals(0, set.exitCode(), set.output());
            assertTrue(shell("ipfs:config io.ipfskit.host").output().contains("lowWater = 25    default: -1"));
        }
    }

    @Test
    void reconfiguringTheApiWithoutANewAddressKeepsItsEphemeralPort() throws Exception {
        try (Daemon daemon = start()) {
            String api = Files.readString(repo.resolve("api")).trim();
            int port = Integer.parseInt(api.substring(api.lastIndexOf('/') + 1));
            assertEquals(403, status(port, "http://example.org"), "a foreign origin is refused before");

            assertEquals(0, shell("ipfs:config io.ipfskit.rpc allowed_origins http://example.org").exitCode());
            daemon.awaitLine("API server reconfigured, still listening on " + api, LIMIT);

            assertEquals(api, Files.readString(repo.resolve("api")).trim(), "same address, same port");
            assertEquals(200, status(port, "http://example.org"), "the new origin applies on the same port");
        }
    }

    private Daemon start() throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private Cli shell(String command) throws Exception {
        return Cli.run(LIMIT, "shell", "--repo", repo.toString(), "-c", command);
    }

    private static int status(int port, String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/api/v0/version")).header("Origin", origin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
