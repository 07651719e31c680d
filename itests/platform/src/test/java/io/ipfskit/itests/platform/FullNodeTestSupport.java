package io.ipfskit.itests.platform;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * The full feature on a node listening on a configured loopback port, with a peer daemon to connect to (started at
 * first use, killed when the framework stops): what the hot swap suites share. The JVM's thread starts are recorded
 * from before the framework starts, so every thread can be traced to the bundle of ours that started it.
 */
public abstract class FullNodeTestSupport extends PlatformTestSupport {

    /** How long the node may take to settle after a stop or a start. */
    protected static final Duration SETTLE = Duration.ofSeconds(30);
    /** Our bundles' prefix. */
    protected static final String OURS = "io.ipfskit.";
    private static PeerDaemon peer;

    @Inject
    protected ServiceComponentRuntime scr;

    @Override
    protected String feature() {
        return "full";
    }

    @Override
    protected List<Option> extraOptions(Path repo) throws IOException {
        ThreadOrigins.record();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return List.of(
                frameworkProperty(Constants.FRAMEWORK_BOOTDELEGATION).value("sun.misc"),
                frameworkProperty("ipfskit.swarm").value("/ip4/127.0.0.1/tcp/" + port),
                frameworkProperty("ipfskit.gateway").value("/ip4/127.0.0.1/tcp/0"),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
    }

    /** A condition that may fail to be checked (a peer's reply not there yet). */
    @FunctionalInterface
    protected interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until the check holds (a failing check counts as not yet), failing with the last failure after the limit. */
    protected static void awaitThat(String description, Duration limit, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + description
                        + (last == null ? "" : "; last failure: " + last), last);
            }
            Thread.sleep(50);
        }
    }

    /** A check naming what is wrong, or null when nothing is. */
    @FunctionalInterface
    protected interface Problem {
        String find() throws Exception;
    }

    /** Waits until the check finds no problem, failing with the last problem (or failure) found after the limit. */
    protected static void awaitClean(String what, Duration limit, Problem problem) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String last;
            try {
                last = problem.find();
            } catch (Exception e) {
                last = e.toString();
            }
            if (last == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ", after " + limit.toSeconds() + " s: " + last);
            }
            Thread.sleep(50);
        }
    }

    /** The peer daemon, started at first use and killed when this framework stops. */
    protected PeerDaemon peer() throws IOException, InterruptedException {
        synchronized (FullNodeTestSupport.class) {
            if (peer == null) {
                PeerDaemon started = PeerDaemon.start();
                Bundle probe = context.getBundle();
                context.addBundleListener((SynchronousBundleListener) event -> {
                    if (event.getBundle() == probe && event.getType() == BundleEvent.STOPPING) {
                        closePeer(started);
                    }
                });
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closePeer(started), "peer-daemon-kill"));
                peer = started;
            }
            return peer;
        }
    }

    private static void closePeer(PeerDaemon daemon) {
        try {
            daemon.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs an RPC command in-process. */
    protected InProcessRpc.Reply call(String name, String... arguments) {
        return InProcessRpc.call(context, name, List.of(arguments), Map.of());
    }

    /** Runs an RPC command in-process with options. */
    protected InProcessRpc.Reply call(String name, Map<String, String> options, String... arguments) {
        return InProcessRpc.call(context, name, List.of(arguments), options);
    }

    /** Runs a Gogo command in-process (as the shell socket does) and returns what it printed and returned. */
    protected String gogo(String command) throws Exception {
        ServiceReference<CommandProcessor> reference = context.getServiceReference(CommandProcessor.class);
        CommandProcessor processor = context.getService(reference);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
             CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.print(session.format(result, Converter.INSPECT));
            }
        } finally {
            context.ungetService(reference);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The host service now, if one runs. */
    protected Optional<Host> host() {
        ServiceReference<Host> reference = context.getServiceReference(Host.class);
        return Optional.ofNullable(reference == null ? null : context.getService(reference));
    }

    /** Our connections to the peer now (none without a host). */
    protected List<Connection> connectionsToPeer() throws IOException, InterruptedException {
        String peerId = peer().peerId;
        return host().map(h -> h.connections().stream().filter(c -> c.remotePeer().toBase58().equals(peerId)).toList())
                .orElse(List.of());
    }

    /** Connects to the peer (unless connected) and waits until both sides see the connection. */
    protected void connectPeer() throws Exception {
        PeerDaemon daemon = peer();
        if (connectionsToPeer().isEmpty()) {
            call("swarm/connect", daemon.address).json();
        }
        String us = call("id").json().get("ID").asText();
        await("the peer sees our connection", SETTLE, () -> peerSees(us));
    }

    /** Whether the peer lists a connection to us. */
    protected boolean peerSees(String us) {
        try {
            for (JsonNode entry : peer().call("swarm/peers").path("Peers")) {
                if (entry.path("Peer").asText().equals(us)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Fetches a fresh block only the peer holds, through the exchange: the network path works end to end. */
    protected void fetchFromPeer(long seed) throws Exception {
        byte[] data = new byte[4096];
        new Random(seed).nextBytes(data);
        String cid = peer().blockPut(data);
        InProcessRpc.Reply reply = call("block/get", Map.of("timeout", "20s"), cid);
        if (!reply.ok() || !Arrays.equals(data, reply.bytes())) {
            throw new AssertionError("block/get of a block the peer holds: " + (reply.ok() ? "other bytes" : reply.error()));
        }
        // the block service announces what it fetched once fetches pause: let that end here, not dial the peer again
        // in the middle of the next check
        await("the fetched block announced", Duration.ofSeconds(20), () -> {
            InProcessRpc.Reply stats = call("routing/stats");
            JsonNode retrieval = stats.ok() ? stats.json().path("Retrieval") : null;
            return retrieval == null || retrieval.isNull() || retrieval.isMissingNode()
                    || retrieval.path("provide_queue_waiting").asInt() == 0 && retrieval.path("provide_queue_announcing").asInt() == 0;
        });
    }

    /** Our bundles, by id. */
    protected List<Bundle> ourBundles() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName() != null
                && b.getSymbolicName().startsWith(OURS)).toList();
    }

    /** Our bundle of that name. */
    protected Bundle bundle(String name) {
        return ourBundles().stream().filter(b -> b.getSymbolicName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + name + " in the " + feature() + " feature"));
    }

    /** Every component of ours and its state (a ComponentConfigurationDTO constant). */
    protected Map<String, Integer> componentStates() {
        Map<String, Integer> states = new TreeMap<>();
        scr.getComponentDescriptionDTOs().stream().filter(d -> d.bundle.symbolicName.startsWith(OURS))
                .forEach(d -> scr.getComponentConfigurationDTOs(d).forEach(c -> states.put(d.name, c.state)));
        return states;
    }

    /** Whether the state is up: active, or satisfied (a delayed service nobody asked for yet). */
    protected static boolean up(Integer state) {
        return state != null && (state == ComponentConfigurationDTO.ACTIVE || state == ComponentConfigurationDTO.SATISFIED);
    }

    /**
     * The node is whole: every bundle active, every component of ours up, the swarm listening, and the RPC API
     * answering {@code id} over HTTP at the address in {@code <repo>/api}.
     */
    protected boolean whole() {
        boolean bundles = Arrays.stream(context.getBundles()).filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                .allMatch(b -> b.getState() == Bundle.ACTIVE);
        return bundles && componentStates().values().stream().allMatch(FullNodeTestSupport::up)
                && host().map(h -> !h.listenAddresses().isEmpty()).orElse(false) && apiAnswersId();
    }

    /** Whether {@code POST /api/v0/id} at the address in {@code <repo>/api} answers 200 with our peer id. */
    protected boolean apiAnswersId() {
        try {
            String[] api = Files.readString(repo().resolve("api")).trim().split("/");
            HttpURLConnection http = (HttpURLConnection) URI.create("http://" + api[2] + ":" + api[4] + "/api/v0/id")
                    .toURL().openConnection();
            http.setRequestMethod("POST");
            http.setRequestProperty("Connection", "close");
            http.setConnectTimeout(5000);
            http.setReadTimeout(10000);
            try (InputStream in = http.getInputStream()) {
                return http.getResponseCode() == 200
                        && new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"ID\"");
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The components that are not up, with their state, for failure messages. */
    protected List<String> notUp() {
        List<String> out = new ArrayList<>();
        componentStates().forEach((name, state) -> {
            if (!up(state)) {
                out.add(name + " (" + state + ")");
            }
        });
        return out;
    }
}
