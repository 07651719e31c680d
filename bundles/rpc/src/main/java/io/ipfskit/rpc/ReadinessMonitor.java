package io.ipfskit.rpc;

import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Decides when the node is ready: every bundle of ours started, every DS component of ours active or satisfied
 * ({@link Readiness}), the swarm listening (when a host runs) and the RPC server bound. Then it opens the RPC API and
 * writes {@code <repo>/api} ({@link RpcServer#ready()}). The launcher reads the outcome through this component's
 * {@code Supplier<Map<String, Object>>} service ({@code (ipfskit.readiness=node)}, JDK types only): {@code state} is
 * {@code starting}, {@code ready} or {@code failed}; {@code reason} says why it is not ready; {@code report} holds the
 * lines to print once ready (peer id, swarm addresses, API address), as kubo prints them.
 */
@Component(service = Supplier.class, immediate = true, property = ReadinessMonitor.PROPERTY + "=node")
public final class ReadinessMonitor implements Supplier<Map<String, Object>> {

    /** Service property naming this monitor for the launcher. */
    static final String PROPERTY = "ipfskit.readiness";
    private static final long POLL_MILLIS = 25;
    /** How long the swarm may have no listener once everything else is up before that is fatal (a port in use). */
    private static final long SWARM_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final ServiceComponentRuntime scr;
    private final BundleContext context;
    private final Node node;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ipfskit-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Object> state = Map.of("state", "starting", "reason", "the node is starting");
    private long swarmSilentSince = -1;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Host host;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RpcServer server;

    /** Starts checking, every 25 ms until the node is ready or has failed. */
    @Activate
    public ReadinessMonitor(@Reference ServiceComponentRuntime scr, @Reference Node node, BundleContext context) {
        this.scr = scr;
        this.node = node;
        this.context = context;
        timer.scheduleWithFixedDelay(this::check, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Map<String, Object> get() {
        return state;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void check() {
        try {
            Optional<Readiness.Problem> problem = notStartedBundle().or(() -> Readiness.components(
                    scr.getComponentDescriptionDTOs(), scr::getComponentConfigurationDTOs, scr::isComponentEnabled));
            if (problem.isPresent()) {
                swarmSilentSince = -1;
                settle(problem.get());
                return;
            }
            RpcServer api = server;
            if (api == null) {
                settle(new Readiness.Problem("the RPC API is not running", false));
                return;
            }
            Host swarm = host;
            List<Multiaddr> listening = swarm == null ? List.of() : swarm.listenAddresses();
            if (swarm != null && listening.isEmpty()) {
                long now = System.nanoTime();
                swarmSilentSince = swarmSilentSince < 0 ? now : swarmSilentSince;
                settle(new Readiness.Problem("the swarm is not listening on any address (see the log above)",
                        now - swarmSilentSince > SWARM_GRACE_NANOS));
                return;
            }
            Multiaddr address = api.ready();
            state = Map.of("state", "ready", "report", report(listening, address));
            timer.shutdown();
        } catch (IOException e) {
            settle(new Readiness.Problem("cannot write " + node.repo().resolve("api") + ": " + e.getMessage(), true));
        } catch (RuntimeException e) {
            settle(new Readiness.Problem("readiness check failed: " + e, false));
        }
    }

    private void settle(Readiness.Problem problem) {
        state = Map.of("state", problem.fatal() ? "failed" : "starting", "reason", problem.reason());
        if (problem.fatal()) {
            timer.shutdown();
        }
    }

    /** One of our bundles that is installed but not (yet) active: the launcher starts them one by one. */
    private Optional<Readiness.Problem> notStartedBundle() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(Readiness.OURS))
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE)
                .findFirst().map(b -> new Readiness.Problem("bundle " + b.getSymbolicName() + " is not started yet", false));
    }

    /** What kubo prints when its daemon is ready, in its words. */
    private List<String> report(List<Multiaddr> listening, Multiaddr api) {
        List<String> lines = new ArrayList<>();
        lines.add("PeerID: " + node.peerId());
        List<String> addresses = listening.stream().map(Multiaddr::toString).sorted().toList();
        addresses.forEach(a -> lines.add("Swarm listening on " + a));
        addresses.forEach(a -> lines.add("Swarm announcing " + a));
        lines.add("RPC API server listening on " + api);
        return List.copyOf(lines);
    }
}
