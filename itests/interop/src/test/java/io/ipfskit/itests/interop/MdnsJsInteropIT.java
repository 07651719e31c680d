package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.NamespacePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mDNS with js {@code @libp2p/mdns} 11.0.47 (mdns-peer.mjs), our daemon in one network namespace and js in the other,
 * joined by a veth pair ({@link NamespacePair}; root and {@code ip} needed, skipped otherwise). js starts first and asks
 * only once, before our daemon runs; then both ways: js discovers our daemon from our answer (a peer at our namespace's
 * address), and our daemon, whose question only js can answer, discovers js from that answer and dials it (js never
 * dials on its own, so the connection js sees is inbound from that same peer). Prints the times from our daemon's start.
 */
class MdnsJsInteropIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** Our query interval twice and some: our first query may go out before js listens. */
    private static final Duration FIND_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void jsAndOurDaemonFindEachOtherBothWays() throws Exception {
        Optional<String> unavailable = NamespacePair.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "MdnsJsInteropIT " + unavailable.orElseThrow());
        try (NamespacePair net = NamespacePair.create("ipfskit-mdnsjs", 78)) {
            Path repo = temp.resolve("repo");
            Files.writeString(Files.createDirectories(repo.resolve("etc")).resolve("io.ipfskit.discovery.mdns.cfg"),
                    "enabled = true\n");
            try (JsPeer js = new JsPeer(net.exec(1), Path.of(System.getProperty("interop.dir", ".")), "mdns-peer.mjs",
                    Map.of("MDNS_INTERVAL", "3600000"))) {
                long started = System.nanoTime();
                try (Daemon daemon = Daemon.start(net.exec(0), Map.of(), "daemon", "--repo", repo.toString(),
                        "--profile", "test", "--swarm", "/ip4/0.0.0.0/tcp/0")) {
                    daemon.awaitLine("Daemon is ready", LIMIT);
                    long ready = System.nanoTime();
                    String ourAddress = "/ip4/" + net.address(0) + "/tcp/";
                    AtomicReference<String> us = new AtomicReference<>();
                    AtomicReference<String> inbound = new AtomicReference<>();
                    long[] at = new long[2];
                    try {
                        js.next(line -> {
                            String event = line.path("event").asText();
                            if (event.equals("discovered") && line.get("addrs").toString().contains(ourAddress)) {
                                us.set(line.get("peer").asText());
                                at[0] = System.nanoTime();
                            } else if (event.equals("connected") && "inbound".equals(line.path("direction").asText())) {
                                inbound.set(line.get("peer").asText());
                                at[1] = System.nanoTime();
                            }
                            return us.get() != null && us.get().equals(inbound.get());
                        }, FIND_LIMIT);
                    } catch (AssertionError e) {
                        throw new AssertionError("js discovered us: " + us.get() + "; inbound connection from: "
                                + inbound.get() + "\n" + e.getMessage() + "\ndaemon output:\n" + daemon.output(), e);
                    }
                    System.out.printf("MdnsJsInteropIT: daemon ready %d ms after its start; from its start js discovered "
                            + "it in %d ms, it connected to js in %d ms%n", (ready - started) / 1_000_000,
                            (at[0] - started) / 1_000_000, (at[1] - started) / 1_000_000);
                }
            }
        }
    }
}
