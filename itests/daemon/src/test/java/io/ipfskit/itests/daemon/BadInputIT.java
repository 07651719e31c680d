package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad flags, addresses, repos and busy ports: one clear line, a non-zero exit, an intact repo. */
class BadInputIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void unknownFlagIsAUsageError() throws Exception {
        Cli cli = Cli.run(LIMIT, "daemon", "--bogus");
        assertEquals(1, cli.exitCode(), "kubo's exit status for bad usage, as for any error");
        assertTrue(cli.output().startsWith("Error: Unknown option: '--bogus'"), cli.output());
    }

    @Test
    void badRoleAndBadMultiaddrAreRefusedBeforeStarting() throws Exception {
        Cli role = Cli.run(LIMIT, "daemon", "--repo", temp.resolve("r1").toString(), "--role", "king");
        assertEquals(1, role.exitCode());
        assertTrue(role.output().startsWith("Error: --role: unknown role 'king'"), role.output());
        Cli api = Cli.run(LIMIT, "daemon", "--repo", temp.resolve("r2").toString(), "--api", "/ip4/nonsense/tcp/1");
        assertEquals(1, api.exitCode());
        assertTrue(api.output().startsWith("Error: --api: '/ip4/nonsense/tcp/1' is not a multiaddr"), api.output());
        assertFalse(Files.exists(temp.resolve("r1")), "nothing is created for a refused start");
    }

    @Test
    void apiPortInUseStopsTheNodeWithTheReason() throws Exception {
        Path repo = temp.resolve("busy");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli cli = Cli.run(LIMIT, "daemon", "--repo", repo.toString(), "--swarm", "/ip4/127.0.0.1/tcp/0",
                    "--api", "/ip4/127.0.0.1/tcp/" + taken.getLocalPort());
            assertEquals(1, cli.exitCode(), cli.output());
            assertTrue(cli.output().contains("Error: cannot serve the API on /ip4/127.0.0.1/tcp/" + taken.getLocalPort()),
                    cli.output());
            assertEquals(1, cli.output().lines().filter(l -> l.contains("rror")).count(), "one error line: " + cli.output());
            assertTrue(cli.output().lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: " + cli.output());
        }
        assertTrue(Files.exists(repo.resolve("identity.key")), "the repo stays usable");
        assertFalse(Files.exists(repo.resolve("api")));
    }

    @Test
    void swarmPortInUseStopsTheNodeInsteadOfRunningWithoutNetworking() throws Exception {
        Path repo = temp.resolve("busy-swarm");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli cli = Cli.run(LIMIT, "daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                    "--swarm", "/ip4/127.0.0.1/tcp/" + taken.getLocalPort());
            assertEquals(1, cli.exitCode(), cli.output());
            assertTrue(cli.output().contains("ERROR io.ipfskit.host.internal.DefaultHost: cannot listen on /ip4/127.0.0.1/tcp/"
                    + taken.getLocalPort()), cli.output());
            assertTrue(cli.output().contains("Error: the swarm is not listening on any address"), cli.output());
            assertTrue(cli.output().lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace: " + cli.output());
        }
        assertFalse(Files.exists(repo.resolve("api")), "never ready, so never announced");
    }

    @Test
    void corruptIdentityIsNamedAndLeftAlone() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("corrupt"));
        Files.writeString(repo.resolve("identity.key"), "not a key");
        Cli cli = Cli.run(LIMIT, "daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0");
        assertEquals(1, cli.exitCode(), cli.output());
        assertTrue(cli.output().contains("Error: the node identity " + repo.resolve("identity.key")
                + " is not a libp2p private key"), cli.output());
        assertEquals("not a key", Files.readString(repo.resolve("identity.key")), "the repo is not changed");
    }

    @Test
    void unreadableRepoIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        Cli cli = Cli.run(LIMIT, "daemon", "--repo", file.toString());
        assertEquals(1, cli.exitCode());
        assertTrue(cli.output().contains("is not a writable directory"), cli.output());
    }

    @Test
    void clientVerbsWithoutANodeSaySo() throws Exception {
        Cli id = Cli.run(LIMIT, "id", "--repo", temp.resolve("empty").toString());
        assertEquals(1, id.exitCode());
        assertTrue(id.output().startsWith("Error: no node is running on"), id.output());
        Cli shell = Cli.run(LIMIT, "--repo", temp.resolve("empty").toString(), "shell", "-c", "lb");
        assertEquals(1, shell.exitCode());
        assertTrue(shell.output().startsWith("Error: no node is running on"), shell.output());
    }

    @Test
    void unknownFeatureIsNamed() throws Exception {
        Cli cli = Cli.run(LIMIT, "daemon", "--repo", temp.resolve("f").toString(), "--feature", "nope");
        assertEquals(1, cli.exitCode());
        assertTrue(cli.output().contains("unknown feature 'nope' (available: core, full)"), cli.output());
    }
}
