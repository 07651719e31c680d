package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipfskit.itests.support.Daemon;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon with the test profile makes no connection attempt and no DNS query beyond loopback (issue 9, item 6); the
 * same daemon with kubo's defaults does (so the check can fail). Each runs in a network namespace of its own with
 * {@code lo} up and a veth pair (IPv4) whose other end sits in a second, empty namespace and is the default route:
 * every packet for anywhere but loopback (a TCP dial, a DNS query to the system's name server) leaves through the
 * veth and counts in its {@code tx_packets}; the empty namespace drops it. Needs root and {@code ip}; skipped otherwise.
 */
class NoEgressIT {

    private static final Duration START = Duration.ofSeconds(90);
    private final String namespace = "ipfskit-egress-" + ProcessHandle.current().pid();
    private final String sink = namespace + "-sink";
    private final String veth = "ike" + ProcessHandle.current().pid() % 1_000_000;

    @TempDir
    Path temp;

    @BeforeEach
    void createNamespaces() throws Exception {
        assumeTrue("0".equals(run("id", "-u").trim()), "NoEgressIT needs root (it creates network namespaces)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "NoEgressIT needs the ip command (iproute2)");
        run("ip", "netns", "add", namespace);
        run("ip", "netns", "add", sink);
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        run("ip", "link", "add", veth + "a", "netns", namespace, "type", "veth", "peer", "name", veth + "b", "netns", sink);
        // IPv4 only on the veth: IPv6 would send router solicitations and MLD reports of its own
        run("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv6.conf." + veth + "a.disable_ipv6=1");
        run("ip", "-n", namespace, "addr", "add", "10.99.0.2/24", "dev", veth + "a");
        run("ip", "-n", sink, "addr", "add", "10.99.0.1/24", "dev", veth + "b");
        run("ip", "-n", sink, "link", "set", veth + "b", "up");
        run("ip", "-n", namespace, "link", "set", veth + "a", "up");
        run("ip", "-n", namespace, "route", "add", "default", "via", "10.99.0.1");
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        runQuietly("ip", "netns", "del", namespace);
        runQuietly("ip", "netns", "del", sink);
    }

    @Test
    void aTestProfileDaemonSendsNothingBeyondLoopback() throws Exception {
        long before = packetsOut();
        Path repo = temp.resolve("test-profile");
        try (Daemon daemon = Daemon.start(List.of("ip", "netns", "exec", namespace), Map.of("IPFSKIT_PROFILE", ""),
                "daemon", "--repo", repo.toString(), "--profile", "test", "--log-level", "io.ipfskit.discovery=debug")) {
            awaitOutput(daemon, "Daemon is ready", "Bootstrap round 1:", "Random walk 1:");
            String nobodyHasIt = Cid.v1(0x55, Multihash.sha256(namespace.getBytes(StandardCharsets.UTF_8))).toString();
            try (Daemon cat = Daemon.start(List.of("ip", "netns", "exec", namespace), Map.of(), "--repo", repo.toString(),
                    "cat", "--timeout", "5s", nobodyHasIt)) {
                assertNotEquals(0, cat.awaitExit(START), "a block nobody has is not found: " + cat.output());
            }
            assertEquals(0, packetsOut() - before, "packets sent beyond loopback by a test-profile daemon (bootstrap, "
                    + "random walk and a provider search done); output:\n" + daemon.output());
        }
    }

    @Test
    void withKubosDefaultsTheDaemonReachesOutSoTheCountWorks() throws Exception {
        long before = packetsOut();
        try (Daemon daemon = Daemon.start(List.of("ip", "netns", "exec", namespace), Map.of("IPFSKIT_PROFILE", ""),
                "daemon", "--repo", temp.resolve("default-profile").toString())) {
            daemon.awaitLine("Profile: default", START);
            long deadline = System.nanoTime() + START.toNanos();
            while (packetsOut() == before) {
                assertTrue(System.nanoTime() < deadline, "no packet left within " + START.toSeconds() + " s; output:\n"
                        + daemon.output());
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the daemon has printed each text, in any order. */
    private static void awaitOutput(Daemon daemon, String... texts) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!List.of(texts).stream().allMatch(daemon.output()::contains)) {
            assertTrue(System.nanoTime() < deadline, "not all of " + List.of(texts) + " printed within "
                    + START.toSeconds() + " s; output:\n" + daemon.output());
            Thread.sleep(100);
        }
    }

    /** Packets the namespace sent through its veth: everything not for loopback. */
    private long packetsOut() throws Exception {
        return Long.parseLong(run("ip", "netns", "exec", namespace, "cat",
                "/sys/class/net/" + veth + "a/statistics/tx_packets").trim());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            System.err.println("cleanup: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
