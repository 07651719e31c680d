package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.NamespacePair;
import io.ipfskit.itests.support.PrefixedCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes, each behind its own NAT, and a public relay ({@link NatNetwork}; root, {@code ip} and {@code nft} needed,
 * skipped otherwise). A and B reserve on R ({@code --relay}); AutoNAT, probing every 2 s, finds A and B Private (R's
 * dial-back to the address it observes fails at the NAT) and R Public (A and B dial it back); A and B advertise a
 * {@code /p2p-circuit} address; B connects to A through R and fetches a 16 MiB file over Bitswap. R's per-circuit data
 * limit is raised to 64 MiB in its {@code etc/} (kubo's 128 KiB default is meant for hole punching, which carries the
 * data once DCUtR exists). Prints the times to the reservations and to Private, and the relayed fetch's rate. A second
 * test lets DCUtR upgrade the relayed connection to a direct one through both NATs and fetches over that.
 */
class NatIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void twoNodesBehindNatsAreFoundPrivateAndExchangeAFileThroughThePublicRelay() throws Exception {
        meetThroughTheRelay(false, false, false, (net, repoA, repoB, idA, file, a, b) -> {
            // A may dial B through R at the same moment (it learns B's relayed address from R's DHT), so
            // there may be two connections, each relayed: no direct route exists between the private networks
            List<String> seen = peerAddresses(net, "b", repoB, idA);
            assertTrue(!seen.isEmpty() && seen.stream().allMatch(x -> x.contains("/p2p-circuit")),
                    "B reaches A through the relay only: " + seen);
            fetch(net, repoA, repoB, file, "through the relay");
            assertTrue(peerAddresses(net, "b", repoB, idA).stream().allMatch(x -> x.contains("/p2p-circuit")),
                    "the file came over the relayed connection");
        });
    }

    /**
     * DCUtR: once B reaches A through R, A (which received the relayed connection) and B punch through both NATs; the
     * file then moves over the direct connection, and the relayed one is closed. Prints the time from the relayed
     * connection to the direct one and the direct fetch's rate.
     */
    @Test
    void twoNodesBehindNatsHolePunchToADirectConnectionAndExchangeAFileOverIt() throws Exception {
        meetThroughTheRelay(true, false, false, punchAndFetch("tcp"));
    }

    /**
     * DCUtR over QUIC: A and B listen on TCP and QUIC (R on TCP, so their relay connections are TCP); both CONNECTs
     * carry QUIC addresses, so A (the initiator) opens its NAT with packets from its QUIC listening socket while B dials
     * it from its own; B then holds a direct {@code quic-v1} connection to A's NAT's address for A's QUIC port, which
     * carries the file.
     */
    @Test
    void twoNodesBehindNatsHolePunchOverQuicAndExchangeAFileOverIt() throws Exception {
        meetThroughTheRelay(true, true, false, punchAndFetch("udp"));
    }

    /**
     * The NATs drop UDP (A and B may meet, through the relay's DHT, before the test connects them): both CONNECTs still carry QUIC addresses, so the first two attempts
     * punch over QUIC and fail; the third punches over TCP (both offered it), and B ends up direct on A's TCP port.
     */
    @Test
    void whenTheNatsDropUdpTheLastAttemptPunchesOverTcp() throws Exception {
        meetThroughTheRelay(true, true, true, punchAndFetch("tcp"));
    }

    /**
     * Waits for the direct connection from B to A (to A's NAT's address for A's listen port on {@code transport}, tcp
     * or udp), prints the time it took and the hole punch's log lines, waits for the relayed one to close, and fetches
     * the file over the direct one.
     */
    private AfterMeeting punchAndFetch(String transport) {
        return (net, repoA, repoB, idA, file, a, b) -> {
            String listen = addresses(net, "a", repoA).stream()
                    .filter(x -> x.startsWith("/ip4/" + NatNetwork.A + "/" + transport + "/")).findFirst().orElseThrow()
                    .split("/p2p/")[0];
            String direct = listen.replace("/ip4/" + NatNetwork.A + "/", "/ip4/10.99.0.2/");
            long relayed = System.nanoTime();
            long deadline = relayed + LIMIT.toNanos();
            List<String> seen;
            while ((seen = peerAddresses(net, "b", repoB, idA)).stream().allMatch(x -> x.contains("/p2p-circuit"))) {
                assertTrue(System.nanoTime() < deadline, "no direct connection from B to A within " + LIMIT.toSeconds()
                        + " s: " + seen);
                Thread.sleep(100);
            }
            System.out.printf("NatIT: direct connection %d ms after the relayed one: %s%n", millisSince(relayed), seen);
            // the initiator logs the attempt: A, which received the relayed connection, or B when both dialled
            while (!(a.output() + b.output()).contains("hole punch: direct connection")) {
                assertTrue(System.nanoTime() < deadline, "no hole punch logged by A or B");
                Thread.sleep(100);
            }
            (a.output() + "\n" + b.output()).lines().filter(l -> l.contains("hole punch"))
                    .forEach(l -> System.out.println("NatIT: " + l));
            assertTrue(seen.stream().anyMatch(x -> x.startsWith(direct)),
                    "B reaches A at " + direct + ", where A's NAT maps A's listen port: " + seen);
            while ((seen = peerAddresses(net, "b", repoB, idA)).stream().anyMatch(x -> x.contains("/p2p-circuit"))) {
                assertTrue(System.nanoTime() < deadline, "the relayed connection stays: " + seen);
                Thread.sleep(100);
            }
            fetch(net, repoA, repoB, file, "over the hole-punched connection");
            List<String> after = peerAddresses(net, "b", repoB, idA);
            assertTrue(!after.isEmpty() && after.stream().noneMatch(x -> x.contains("/p2p-circuit")),
                    "the direct connection carried the file, no relayed one came back: " + after);
        };
    }

    /** What a test does once A and B are Private, hold reservations, and B reached A through R. */
    private interface AfterMeeting {
        void run(NatNetwork net, Path repoA, Path repoB, String idA, Path file, Daemon a, Daemon b) throws Exception;
    }

    /**
     * Starts R, then A and B behind their NATs reserving on R (DCUtR on or off; listening on QUIC too, or on TCP only;
     * the NATs dropping all UDP, or not),
     * waits until both hold a reservation and are Private and R is Public, adds 16 MiB at A, connects B to A through R,
     * and runs the rest.
     */
    private void meetThroughTheRelay(boolean holePunching, boolean quic, boolean udpDropped, AfterMeeting then)
            throws Exception {
        Optional<String> unavailable = NamespacePair.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "NatIT " + unavailable.orElseThrow());
        assumeTrue(List.of("/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft").stream().map(Path::of)
                .anyMatch(Files::isExecutable), "NatIT needs nft (nftables)");
        try (NatNetwork net = NatNetwork.create()) {
            if (udpDropped) {
                net.dropUdp();
            }
            Path repoR = probing(temp.resolve("r"), "circuitDataBytes = 67108864\ncircuitDurationSeconds = 600\n");
            String punching = "holePunching = " + holePunching + "\n";
            Path repoA = probing(temp.resolve("a"), punching);
            Path repoB = probing(temp.resolve("b"), punching);
            try (Daemon r = start(net, "pub", repoR, NatNetwork.RELAY)) {
                r.awaitLine("Daemon is ready", LIMIT);
                String relay = addresses(net, "pub", repoR).stream().filter(a -> a.startsWith("/ip4/" + NatNetwork.RELAY + "/"))
                        .findFirst().orElseThrow(() -> new AssertionError("R has no address on " + NatNetwork.RELAY));
                List<String> quicA = quic ? List.of("--swarm", "/ip4/" + NatNetwork.A + "/udp/0/quic-v1") : List.of();
                List<String> quicB = quic ? List.of("--swarm", "/ip4/" + NatNetwork.B + "/udp/0/quic-v1") : List.of();
                try (Daemon a = start(net, "a", repoA, NatNetwork.A, concat(quicA, "--relay", relay));
                        Daemon b = start(net, "b", repoB, NatNetwork.B, concat(quicB, "--relay", relay))) {
                    a.awaitLine("Daemon is ready", LIMIT);
                    b.awaitLine("Daemon is ready", LIMIT);
                    long ready = System.nanoTime();
                    String circuitA = circuitAddress(net, "a", repoA, relay, a);
                    circuitAddress(net, "b", repoB, relay, b);
                    System.out.printf("NatIT: both reservations held %d ms after A and B were ready%n", millisSince(ready));

                    a.awaitLine("reachability: Private", LIMIT);
                    b.awaitLine("reachability: Private", LIMIT);
                    System.out.printf("NatIT: A and B Private %d ms after they were ready%n", millisSince(ready));
                    r.awaitLine("reachability: Public", LIMIT);

                    byte[] content = new byte[16 << 20];
                    new Random(11).nextBytes(content);
                    Path file = Files.write(temp.resolve("sixteen.bin"), content);
                    String idA = cli(net, "a", repoA, "id").get(0).get("ID").asText();
                    text(net, "b", repoB, "swarm", "connect", circuitA);
                    try {
                        then.run(net, repoA, repoB, idA, file, a, b);
                    } catch (AssertionError | Exception e) {
                        System.out.println("A's output:\n" + a.output() + "\nB's output:\n" + b.output());
                        throw e;
                    }
                }
            }
        }
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> out = new ArrayList<>(first);
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    /** A adds the file, B fetches it; prints the rate, checks the copy. */
    private void fetch(NatNetwork net, Path repoA, Path repoB, Path file, String how) throws Exception {
        String cid = text(net, "a", repoA, "add", "-Q", file.toString());
        Path copy = temp.resolve("copy.bin");
        long fetching = System.nanoTime();
        text(net, "b", repoB, "cat", "--timeout", "60s", "-o", copy.toString(), cid);
        long millis = Math.max(1, millisSince(fetching));
        System.out.printf("NatIT: 16 MiB %s in %d ms (%.1f MB/s)%n", how, millis, Files.size(file) / 1e3 / millis);
        assertEquals(-1L, Files.mismatch(file, copy), "B read A's file");
    }

    /** A repo whose relay configuration probes AutoNAT every 2 s, with these further lines. */
    private static Path probing(Path repo, String more) throws Exception {
        Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.relay.cfg"),
                "autonatProbeSeconds = 2\n" + more);
        return repo;
    }

    private static Daemon start(NatNetwork net, String namespace, Path repo, String ip, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("daemon", "--repo", repo.toString(), "--profile", "test",
                "--swarm", "/ip4/" + ip + "/tcp/0"));
        arguments.addAll(List.of(more));
        return Daemon.start(net.exec(namespace), Map.of(), arguments.toArray(String[]::new));
    }

    /** The node's own /p2p-circuit address through the relay, waiting (bounded) until its reservation holds. */
    private static String circuitAddress(NatNetwork net, String namespace, Path repo, String relay, Daemon daemon)
            throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            List<String> addresses = addresses(net, namespace, repo);
            for (String address : addresses) {
                if (address.startsWith(relay + "/p2p-circuit/p2p/")) {
                    return address;
                }
            }
            assertTrue(System.nanoTime() < deadline, namespace + ": no /p2p-circuit address in id within "
                    + LIMIT.toSeconds() + " s: " + addresses + "\noutput:\n" + daemon.output());
            Thread.sleep(100);
        }
    }

    private static List<String> addresses(NatNetwork net, String namespace, Path repo) throws Exception {
        List<String> out = new ArrayList<>();
        cli(net, namespace, repo, "id").get(0).get("Addresses").forEach(a -> out.add(a.asText()));
        return out;
    }

    private static List<String> peerAddresses(NatNetwork net, String namespace, Path repo, String peer) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : cli(net, namespace, repo, "swarm", "peers").get(0).get("Peers")) {
            if (entry.get("Peer").asText().equals(peer)) {
                out.add(entry.get("Addr").asText());
            }
        }
        return out;
    }

    /** Runs a verb with {@code --enc=json} in the namespace (the API listens on its loopback); its JSON replies. */
    private static List<JsonNode> cli(NatNetwork net, String namespace, Path repo, String... verb) throws Exception {
        return PrefixedCli.json(net.exec(namespace), repo, verb);
    }

    /** Runs a verb in the namespace, which must succeed; its output. */
    private static String text(NatNetwork net, String namespace, Path repo, String... verb) throws Exception {
        return PrefixedCli.text(net.exec(namespace), repo, verb);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
