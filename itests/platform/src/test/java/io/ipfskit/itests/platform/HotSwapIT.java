package io.ipfskit.itests.platform;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.api.net.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Every bundle of ours, on a node connected to a peer daemon: stopped, then the node checked (what the bundle and
 * the components it takes down offered is gone, everything else stays, every thread those bundles started has ended),
 * started again, then the node checked whole (every component up, everything offered back, the API answering over
 * HTTP, the peer connected, seeing our protocols and addresses, and serving a block through the exchange) with no file
 * descriptor, stream or Netty buffer leaked.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends FullNodeTestSupport {

    /**
     * Every bundle of the full feature, one line each, in the order swapped; a bundle of the feature missing here fails
     * {@link #everyBundleOfTheFeatureHasALine}. A new bundle joins with its line.
     */
    static final List<String> BUNDLES = List.of(
            "io.ipfskit.api",
            "io.ipfskit.multiformats",
            "io.ipfskit.log",
            "io.ipfskit.config",
            "io.ipfskit.node",
            "io.ipfskit.http.support",
            "io.ipfskit.rpc",
            "io.ipfskit.shell",
            "io.ipfskit.host",
            "io.ipfskit.transport.tcp",
            "io.ipfskit.transport.ws",
            "io.ipfskit.transport.quic",
            "io.ipfskit.security.noise",
            "io.ipfskit.security.tls",
            "io.ipfskit.muxer.support",
            "io.ipfskit.protobuf.support",
            "io.ipfskit.muxer.yamux",
            "io.ipfskit.muxer.mplex",
            "io.ipfskit.protocol.identify",
            "io.ipfskit.protocol.ping",
            "io.ipfskit.relay",
            "io.ipfskit.protocol.bitswap",
            "io.ipfskit.protocol.pubsub",
            "io.ipfskit.dht.kad",
            "io.ipfskit.discovery",
            "io.ipfskit.discovery.bootstrap",
            "io.ipfskit.discovery.randomwalk",
            "io.ipfskit.discovery.mdns",
            "io.ipfskit.discovery.pubsub",
            "io.ipfskit.routing",
            "io.ipfskit.codec",
            "io.ipfskit.unixfs",
            "io.ipfskit.kit",
            "io.ipfskit.storage.flatfs",
            "io.ipfskit.storage.tiered",
            "io.ipfskit.storage.tier.memory",
            "io.ipfskit.storage.tier.disk",
            "io.ipfskit.gateway",
            "io.ipfskit.metrics",
            "io.ipfskit.cluster");

    @Test
    public void everyBundleOfTheFeatureHasALine() {
        Set<String> missing = new TreeSet<>();
        ourBundles().forEach(b -> missing.add(b.getSymbolicName()));
        missing.removeAll(BUNDLES);
        assertEquals("bundles of the feature without a line in HotSwapIT.BUNDLES", Set.of(), missing);
    }

    @Test
    public void everyBundleStopsCleanlyAndComesBackWhole() throws Exception {
        NettyBuffers.track();
        NettyBuffers.leakOne();
        awaitClean("a buffer leaked on purpose to be reported (the leak count works)", SETTLE,
                () -> NettyBuffers.deliberateLeakSeen() ? null : "not reported yet");
        await("the node to be whole", SETTLE, this::whole);
        connectPeer();
        fetchFromPeer(0);
        ThreadOrigins origins = new ThreadOrigins(ourBundles().stream().map(Bundle::getSymbolicName).toList());
        awaitClean("every thread of ours (ipfskit-*) traced to one of our bundles (the thread check works)", SETTLE, () -> {
            List<String> untraced = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ipfskit-"))
                    .filter(t -> origins.origin(t).isEmpty()).map(Thread::getName).toList();
            return untraced.isEmpty() ? null : "untraced: " + untraced;
        });
        List<String> table = new ArrayList<>();
        table.add("| bundle | stopping it also stops | peer connection | threads that ended | ms stop / start |");
        table.add("|---|---|---|---|---|");
        long seed = 1;
        for (String name : BUNDLES) {
            table.add(cycle(bundle(name), origins, seed++));
        }
        System.out.println("Hot swap of every bundle:\n" + String.join("\n", table));
        assertEquals("Netty buffers leaked", List.of(), NettyBuffers.leaks());
    }

    /** Stops the bundle, checks the node, starts it, checks the node whole and nothing leaked; a row of the report. */
    private String cycle(Bundle bundle, ThreadOrigins origins, long seed) throws Exception {
        String name = bundle.getSymbolicName();
        NodeView before = NodeView.of(context);
        Map<String, Integer> componentsBefore = componentStates();
        Map<String, Integer> filesBefore = OpenFiles.now();
        int streamsBefore = ourStreams();
        int peerStreamsBefore = peerStreamsToUs();
        Map<String, Integer> threadsBefore = threadNames();
        List<Connection> connections = connectionsToPeer();
        String us = call("id").json().get("ID").asText();
        StopPrediction prediction = StopPrediction.of(context, scr, bundle, before);
        boolean closes = connections.stream().anyMatch(prediction::closes);

        long begun = System.nanoTime();
        bundle.stop();
        long stopped = System.nanoTime();
        awaitClean(name + " stopped: only what it takes with it is gone", SETTLE, () -> {
            List<String> problems = new ArrayList<>(NodeView.of(context).differencesFrom(prediction.expected));
            componentStates().forEach((component, state) -> {
                boolean shouldRun = up(componentsBefore.get(component)) && !prediction.components.contains(component);
                if (up(state) != shouldRun) {
                    problems.add(component + (shouldRun ? " went down" : " still runs"));
                }
            });
            if (closes != connectionsToPeerQuietly().isEmpty()) {
                problems.add(closes ? "the connection to the peer is still open" : "the connection to the peer closed");
            }
            if (closes && peerSees(us)) {
                problems.add("the peer still sees a connection to us");
            }
            if (!closes && !connectionsToPeerQuietly().containsAll(connections)) {
                problems.add("the connection to the peer was replaced");
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        });
        awaitClean(name + " stopped: every thread its bundles started has ended", SETTLE, () -> {
            List<String> left = new ArrayList<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                origins.origin(thread).filter(prediction.downBundles::contains)
                        .ifPresent(origin -> left.add(thread.getName() + " (started by " + origin + ")"));
            }
            return left.isEmpty() ? null : "still running: " + left;
        });
        Map<String, Integer> threadsWhileStopped = threadNames();

        long starting = System.nanoTime();
        bundle.start();
        await(name + " started: the node is whole again (down: " + notUp() + ")", SETTLE, this::whole);
        long started = System.nanoTime();
        awaitClean(name + " started: everything it offered is back", SETTLE, () -> {
            List<String> problems = NodeView.of(context).differencesFrom(before);
            return problems.isEmpty() ? null : String.join("; ", problems);
        });
        connectPeer();
        awaitClean(name + " started: the peer knows our protocols and addresses again", SETTLE, () -> {
            try {
                JsonNode seen = peer().call("id?arg=" + us);
                Set<String> protocols = new TreeSet<>();
                seen.path("Protocols").forEach(p -> protocols.add(p.asText()));
                Set<String> addresses = new TreeSet<>();
                seen.path("Addresses").forEach(a -> addresses.add(a.asText().split("/p2p/")[0]));
                return protocols.equals(before.protocols()) && addresses.equals(before.addresses()) ? null
                        : "the peer sees " + protocols + " at " + addresses;
            } catch (IOException | InterruptedException e) {
                return e.toString();
            }
        });
        fetchFromPeer(seed);
        awaitClean(name + " started: no file descriptor, stream or Netty buffer leaked", SETTLE, () -> {
            List<String> problems = new ArrayList<>();
            Map<String, String> grown = OpenFiles.grownSince(filesBefore, OpenFiles.now());
            if (!grown.isEmpty()) {
                problems.add("more open files: " + grown);
            }
            if (ourStreams() > streamsBefore) {
                problems.add("our host holds " + ourStreams() + " streams, " + streamsBefore + " before");
            }
            if (peerStreamsToUs() > peerStreamsBefore) {
                problems.add("the peer's connection to us holds " + peerStreamsToUs() + " streams, " + peerStreamsBefore + " before");
            }
            if (!NettyBuffers.leaks().isEmpty()) {
                problems.add("Netty buffers leaked: " + NettyBuffers.leaks());
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        });
        return "| " + name + " | " + prediction.summary(bundle) + " | " + (closes ? "closed, reconnected" : "kept")
                + " | " + ended(threadsBefore, threadsWhileStopped) + " | " + millis(begun, stopped) + " / "
                + millis(starting, started) + " |";
    }

    private List<Connection> connectionsToPeerQuietly() {
        try {
            return connectionsToPeer();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Streams our host holds (inbound and outbound), 0 without a host. */
    private int ourStreams() {
        InProcessRpc.Reply resources = call("swarm/resources");
        if (!resources.ok()) {
            return 0;
        }
        JsonNode usage = resources.json().path("Usage");
        return usage.path("InboundStreams").asInt() + usage.path("OutboundStreams").asInt();
    }

    /** Streams open on the peer's connections to us, as its muxer counts them. */
    private int peerStreamsToUs() {
        try {
            String us = call("id").json().get("ID").asText();
            int streams = 0;
            for (JsonNode entry : peer().call("swarm/peers").path("Peers")) {
                if (entry.path("Peer").asText().equals(us)) {
                    streams += entry.path("Streams").asInt();
                }
            }
            return streams;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Live threads by name, digits folded ({@code ipfskit-handler-#}). */
    private static Map<String, Integer> threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum));
        return names;
    }

    /** The thread names of which fewer ran while the bundle was stopped, with how many fewer. */
    private static String ended(Map<String, Integer> before, Map<String, Integer> stopped) {
        List<String> out = new ArrayList<>();
        before.forEach((name, count) -> {
            int fewer = count - stopped.getOrDefault(name, 0);
            if (fewer > 0) {
                out.add(fewer + " " + name);
            }
        });
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
