package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node started from the distribution: ready, identified, administered, locked, stopped cleanly, same identity again. */
class DaemonIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A valid Ed25519 peer id (from the peer-id spec's examples) that no test node has. */
    private static final String UNKNOWN_PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void daemonServesIdShellAndStopsCleanly() throws Exception {
        Path repo = temp.resolve("repo");
        String peerId;
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            String ready = daemon.awaitLine("Daemon is ready", START);
            System.out.println("start-to-ready: " + ready);
            String api = Files.readString(repo.resolve("api")).trim();
            assertTrue(api.matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+"), api);

            JsonNode id = post(api, "id", null, null);
            peerId = id.get("ID").asText();
            assertTrue(peerId.startsWith("12D3KooW"), peerId);
            assertFalse(id.get("PublicKey").asText().isEmpty());
            assertTrue(id.get("AgentVersion").asText().startsWith("ipfs-kit/"));
            assertTrue(id.get("Addresses").isArray());
            assertTrue(id.get("Protocols").isArray());
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(repo.resolve("identity.key")));

            Cli lb = Cli.run(Duration.ofSeconds(30), "--repo", repo.toString(), "shell", "-c", "lb");
            assertEquals(0, lb.exitCode(), lb.output());
            long ourActiveBundles = lb.output().lines().filter(l -> l.contains("IPFS Kit ::"))
                    .peek(l -> assertTrue(l.contains("|Active"), "lb shows our bundle active: " + l)).count();
            assertTrue(ourActiveBundles >= 4, lb.output());
            Cli bundles = Cli.run(Duration.ofSeconds(30), "shell", "--repo", repo.toString(), "-c", "ipfs:bundles");
            assertTrue(bundles.output().matches("(?s).*Active\\s+io\\.ipfskit\\.rpc.*"), bundles.output());
            Cli info = Cli.run(Duration.ofSeconds(30), "shell", "--repo", repo.toString(), "-c", "ipfs:info");
            assertTrue(info.output().contains(peerId), info.output());
            Cli failing = Cli.run(Duration.ofSeconds(30), "shell", "--repo", repo.toString(), "-c", "no-such-command");
            assertEquals(1, failing.exitCode(), failing.output());

            Cli clientId = Cli.run(Duration.ofSeconds(30), "id", "--repo", repo.toString());
            assertEquals(0, clientId.exitCode(), clientId.output());
            assertEquals(peerId, JSON.readTree(clientId.output()).get("ID").asText());

            try (Daemon second = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0")) {
                assertEquals(1, second.awaitExit(START));
                assertTrue(second.output().contains("locked"), second.output());
            }

            daemon.terminate();
            daemon.awaitLine("Received interrupt signal, shutting down...", Duration.ofSeconds(20));
            assertTrue(daemon.awaitExit(Duration.ofSeconds(40)) >= 0);
            assertFalse(Files.exists(repo.resolve("api")), "the api file is removed on a clean exit");
        }
        try (Daemon again = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            String line = again.awaitLine("PeerID:", START);
            assertTrue(line.endsWith(peerId), "the identity survives a restart: " + line);
            again.awaitLine("Daemon is ready", START);
        }
    }

    @Test
    void etcConfigurationAppliesBeforeComponentsStartAndLive() throws Exception {
        Path repo = temp.resolve("configured");
        Path cfg = Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.rpc.cfg");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(cfg, "address = /ip4/127.0.0.1/tcp/" + taken.getLocalPort() + "\n");
            Cli refused = Cli.run(START, "daemon", "--repo", repo.toString(), "--swarm", "/ip4/127.0.0.1/tcp/0");
            assertEquals(1, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("cannot serve the API on /ip4/127.0.0.1/tcp/" + taken.getLocalPort()),
                    "the cfg file, not the default, was used from the start: " + refused.output());
        }
        Files.writeString(cfg, "address = /ip4/127.0.0.1/tcp/0\n");
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            daemon.awaitLine("Daemon is ready", START);
            String first = Files.readString(repo.resolve("api")).trim();

            Files.writeString(cfg, "address = /ip4/nonsense\n");
            daemon.awaitLine("configuration io.ipfskit.rpc:", START);
            assertEquals(first, Files.readString(repo.resolve("api")).trim(), "a bad address changes nothing");
            assertTrue(post(first, "id", null, null).get("ID").asText().startsWith("12D3KooW"));

            Files.writeString(cfg, "address = /ip4/127.0.0.1/tcp/0\nworkers = 4\n");
            daemon.awaitLine("API server reconfigured, still listening on " + first, START);
            assertEquals(first, Files.readString(repo.resolve("api")).trim(), "the same address keeps its port");

            // FileInstall sees a change by size and time: a new size is seen even within the file system's time granularity.
            Files.writeString(cfg, "address = /ip4/127.0.0.2/tcp/0\n");
            daemon.awaitLine("API server now listening on", START);
            String second = Files.readString(repo.resolve("api")).trim();
            assertTrue(second.startsWith("/ip4/127.0.0.2/tcp/"), "a new address rebinds: " + second);
            assertTrue(post(second, "id", null, null).get("ID").asText().startsWith("12D3KooW"));

            Cli set = Cli.run(START, "shell", "--repo", repo.toString(), "-c", "ipfs:config io.ipfskit.node role master");
            assertEquals(0, set.exitCode(), set.output());
            Cli info = Cli.run(START, "shell", "--repo", repo.toString(), "-c", "ipfs:info");
            assertTrue(info.output().contains("Role:    master"), info.output());
        }
    }

    @Test
    void apiRefusesForeignOriginsHostsAndGets() throws Exception {
        Path repo = temp.resolve("guarded");
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0", "--feature", "core")) {
            daemon.awaitLine("Daemon is ready", START);
            String api = Files.readString(repo.resolve("api")).trim();
            assertEquals(403, status(api, "id", "POST", "Origin", "http://evil.example"));
            assertEquals(403, status(api, "id", "POST", "Referer", "http://evil.example/page"));
            assertEquals(200, status(api, "id", "POST", "Origin", "http://127.0.0.1:" + port(api)));
            assertEquals(405, status(api, "id", "GET", null, null));
            assertEquals(404, status(api, "no/such/command", "POST", null, null));
            JsonNode unknown = error(api, "id?arg=" + UNKNOWN_PEER, 404);
            assertTrue(unknown.get("Message").asText().contains(UNKNOWN_PEER), unknown.toString());
            assertEquals(3, unknown.get("Code").asInt());
            JsonNode malformed = error(api, "id?arg=12D3KooWUnknown", 400);
            assertTrue(malformed.get("Message").asText().contains("invalid peer id"), malformed.toString());
            assertEquals(1, malformed.get("Code").asInt());
        }
    }

    @Test
    void offlineReachesTheBundles() throws Exception {
        Path repo = temp.resolve("offline");
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--feature", "core", "--offline")) {
            daemon.awaitLine("Daemon is ready", START);
            Cli info = Cli.run(Duration.ofSeconds(30), "shell", "--repo", repo.toString(), "-c", "ipfs:info");
            assertTrue(info.output().contains("Offline: true"), info.output());
        }
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--feature", "core")) {
            daemon.awaitLine("Daemon is ready", START);
            Cli info = Cli.run(Duration.ofSeconds(30), "shell", "--repo", repo.toString(), "-c", "ipfs:info");
            assertTrue(info.output().contains("Offline: false"), info.output());
        }
    }

    /** A kubo-style error reply with the given status. */
    private JsonNode error(String api, String commandAndQuery, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base(api) + commandAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("error", body.get("Type").asText());
        return body;
    }

    private JsonNode post(String api, String command, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(api) + command))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header(header, value);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private int status(String api, String command, String method, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(api) + command))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String base(String api) {
        return "http://" + api.split("/")[2] + ":" + port(api) + "/api/v0/";
    }

    private static int port(String api) {
        Matcher matcher = Pattern.compile("/tcp/(\\d+)").matcher(api);
        assertTrue(matcher.find(), api);
        return Integer.parseInt(matcher.group(1));
    }
}
