package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.itests.support.NamespacePair;
import io.ipfskit.itests.support.PrefixedCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hole punching with js-libp2p's {@code @libp2p/dcutr} 2.0.38 (dcutr-peer.mjs), both ways, with our relay between. js
 * only punches to public addresses, so all three run in a network namespace made for the test whose loopback carries
 * the addresses {@value #RELAY}, {@value #OURS} and {@value #JS} (outside the private ranges; nothing leaves the
 * namespace). When our daemon reaches js through the relay, js (holding the relayed connection) upgrades it; when js
 * reaches our daemon through the relay, ours runs DCUtR as the initiator and js answers. Either way both ends end up
 * with a direct connection. Root and {@code ip} needed, skipped otherwise.
 */
class DcutrJsInteropIT {

    static final String RELAY = "11.78.0.1";
    static final String OURS = "11.78.0.2";
    static final String JS = "11.78.0.3";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void jsUpgradesTheRelayedConnectionOurDaemonOpenedToIt() throws Exception {
        inNamespace((ns, relay) -> {
            try (JsPeer js = js(ns, Map.of("RESERVE_ON", relay));
                    Daemon ours = daemon(ns, temp.resolve("d"))) {
                String circuit = relay + "/p2p-circuit/p2p/" + js.peerId;
                text(ns, temp.resolve("d"), "swarm", "connect", circuit);
                awaitDirect(ns, js, ours);
            }
        });
    }

    @Test
    void ourDaemonUpgradesTheRelayedConnectionJsOpenedToIt() throws Exception {
        inNamespace((ns, relay) -> {
            try (Daemon ours = daemon(ns, temp.resolve("d"), "--relay", relay);
                    JsPeer js = js(ns, Map.of())) {
                String id = cli(ns, temp.resolve("d"), "id").get("ID").asText();
                String circuit = relay + "/p2p-circuit/p2p/" + id;
                awaitTrue("our reservation on the relay", () -> addresses(ns, temp.resolve("d")).contains(circuit));
                assertEquals(id, js.call("dial", Map.of("addr", circuit)).get("remotePeer").asText());
                awaitDirect(ns, js, ours);
                ours.awaitLine("hole punch: direct connection", LIMIT);
            }
        });
    }

    /** The test's body, given the namespace's command prefix and the relay's address with its peer id. */
    private interface InNamespace {
        void run(List<String> ns, String relay) throws Exception;
    }

    /** Makes the namespace, starts our relay there, runs the body, deletes the namespace. */
    private void inNamespace(InNamespace body) throws Exception {
        assumeTrue(NamespacePair.unavailable().isEmpty(), "DcutrJsInteropIT needs root and ip");
        String name = "ipfskit-dcutrjs-" + ProcessHandle.current().pid();
        NamespacePair.run("ip", "netns", "add", name);
        try {
            NamespacePair.run("ip", "-n", name, "link", "set", "lo", "up");
            for (String ip : List.of(RELAY, OURS, JS)) {
                NamespacePair.run("ip", "-n", name, "addr", "add", ip + "/32", "dev", "lo");
            }
            List<String> ns = List.of("ip", "netns", "exec", name);
            try (Daemon relay = daemon(ns, temp.resolve("r"))) {
                String address = addresses(ns, temp.resolve("r")).stream().filter(a -> a.startsWith("/ip4/" + RELAY + "/"))
                        .findFirst().orElseThrow();
                body.run(ns, address);
            }
        } finally {
            NamespacePair.run("ip", "netns", "del", name);
        }
    }

    private static JsPeer js(List<String> ns, Map<String, String> more) throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(more);
        environment.put("LISTEN", "/ip4/" + JS + "/tcp/4003");
        return new JsPeer(ns, Path.of(System.getProperty("interop.dir", ".")), "dcutr-peer.mjs", environment);
    }

    /** A daemon in the namespace listening on its own address (the relay on RELAY, ours on OURS). */
    private static Daemon daemon(List<String> ns, Path repo, String... more) throws Exception {
        String ip = repo.getFileName().toString().equals("r") ? RELAY : OURS;
        List<String> arguments = new ArrayList<>(List.of("daemon", "--repo", repo.toString(), "--profile", "test",
                "--swarm", "/ip4/" + ip + "/tcp/0"));
        arguments.addAll(List.of(more));
        Daemon daemon = Daemon.start(ns, Map.of(), arguments.toArray(String[]::new));
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    /** Waits until js and our daemon each hold a direct (not relayed) connection to the other; prints how long. */
    private void awaitDirect(List<String> ns, JsPeer js, Daemon ours) throws Exception {
        long relayed = System.nanoTime();
        String id = cli(ns, temp.resolve("d"), "id").get("ID").asText();
        try {
            awaitTrue("js's direct connection to us", () -> {
                for (JsonNode c : js.call("connections", Map.of()).get("connections")) {
                    if (c.get("peer").asText().equals(id) && !c.get("addr").asText().contains("/p2p-circuit")
                            && !c.get("limited").asBoolean()) {
                        return true;
                    }
                }
                return false;
            });
            awaitTrue("our direct connection to js", () -> {
                for (JsonNode peer : cli(ns, temp.resolve("d"), "swarm", "peers").get("Peers")) {
                    if (peer.get("Peer").asText().equals(js.peerId) && !peer.get("Relayed").asBoolean()) {
                        return true;
                    }
                }
                return false;
            });
            System.out.printf("DcutrJsInteropIT: direct on both sides %d ms after the relayed connection; js: %s%n",
                    (System.nanoTime() - relayed) / 1_000_000, js.call("connections", Map.of()).get("connections"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\njs: " + js.call("connections", Map.of()) + "\nours:\n"
                    + ours.output(), e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!check.holds()) {
            assertTrue(System.nanoTime() < deadline, "no " + what + " within " + LIMIT.toSeconds() + " s");
            Thread.sleep(200);
        }
    }

    private static List<String> addresses(List<String> ns, Path repo) throws Exception {
        List<String> out = new ArrayList<>();
        cli(ns, repo, "id").get("Addresses").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** A verb's first JSON reply, run in the namespace (the API listens on its loopback). */
    private static JsonNode cli(List<String> ns, Path repo, String... verb) throws Exception {
        return PrefixedCli.json(ns, repo, verb).get(0);
    }

    private static void text(List<String> ns, Path repo, String... verb) throws Exception {
        PrefixedCli.text(ns, repo, verb);
    }
}
