package io.ipfskit.rpc;

import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Decides when the node is ready: every bundle of ours started (plugins in {@code deploy/} do not count), every DS component of ours active or satisfied
 * ({@link Readiness}), the swarm listening (when a host runs) and the RPC server bound. Then it opens the RPC API and
 * writes {@code <repo>/api} ({@link RpcServer#ready()}). The launcher reads the outcome through this component's
 * {@code Supplier<Map<String, Object>>} service ({@code (ipfskit.readiness=node)}, JDK types only): {@code state} is
 * {@code starting}, {@code ready} or {@code failed}; {@code reason} says why it is not ready; {@code report} holds the
 * lines to print once ready (peer id, swarm addresses, API address), as kubo prints them. After that it logs one line
 * for each component of ours that fails.
 */
@Component(service = Supplier.class, immediate = true, property = ReadinessMonitor.PROPERTY + "=node")
public final class ReadinessMonitor implements Supplier<Map<String, Object>> {

    /** Service property naming this monitor for the launcher. */
    static final String PROPERTY = "ipfskit.readiness";
    private static final long POLL_MILLIS = 25;
    private static final long WATCH_SECONDS = 1;
    private static final System.Logger LOG = System.getLogger(ReadinessMonitor.class.getName());
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
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ipfskit-component-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> reported = new HashSet<>();

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
        watcher.shutdownNow();
    }

    /** Once ready: one log line for each component of ours that fails from then on (SCR's own log is off by default). */
    private void watch() {
        try {
            List<Readiness.Problem> now = Readiness.failures(scr.getComponentDescriptionDTOs(), scr::getComponentConfigurationDTOs);
            now.stream().filter(p -> !reported.contains(p.reason()))
                    .forEach(p -> LOG.log(System.Logger.Level.ERROR, p.reason()));
            reported.clear();
            now.forEach(p -> reported.add(p.reason()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "component watch failed", e);
        }
    }

    private void check() {
        try {
            Optional<Readiness.Problem> problem = notStartedBundle().or(() -> Readiness.components(
                    scr.getComponentDescriptionDTOs(), scr::getComponentConfigurationDTOs, scr::isComponentEnabled,
                    id -> plugin(context.getBundle(id))));
            if (problem.isPresent()) {
                swarmSilentSince = -1;
                settle(problem.get());
                return;
            }
            // Looked up only now that every component is up: a reference would ask a failing one again and again.
            Optional<List<Multiaddr>> swarm = withService(Host.class, Host::listenAddresses);
            List<Multiaddr> listening = swarm.orElse(List.of());
            if (swarm.isPresent() && listening.isEmpty()) {
                long now = System.nanoTime();
                swarmSilentSince = swarmSilentSince < 0 ? now : swarmSilentSince;
                settle(new Readiness.Problem("the swarm is not listening on any address (see the log above)",
                        now - swarmSilentSince > SWARM_GRACE_NANOS));
                return;
            }
            Optional<Multiaddr> address = withService(RpcServer.class, RpcServer::ready);
            if (address.isEmpty()) {
                settle(new Readiness.Problem("the RPC API is not running", false));
                return;
            }
            state = Map.of("state", "ready", "report", report(listening, address.get()));
            timer.shutdown();
            watcher.scheduleWithFixedDelay(this::watch, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
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

    /** Applies the function to the service registered now, if any. */
    private <S, T> Optional<T> withService(Class<S> type, ServiceCall<S, T> call) throws IOException {
        ServiceReference<S> reference = context.getServiceReference(type);
        S service = reference == null ? null : context.getService(reference);
        if (service == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(call.apply(service));
        } finally {
            context.ungetService(reference);
        }
    }

    /** A call on a service that may fail to write the api file. */
    @FunctionalInterface
    private interface ServiceCall<S, T> {
        T apply(S service) throws IOException;
    }

    /** One of our bundles that is installed but not (yet) active: the launcher starts them one by one. */
    private Optional<Readiness.Problem> notStartedBundle() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith(Readiness.OURS) && !plugin(b))
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE)
                .findFirst().map(b -> new Readiness.Problem("bundle " + b.getSymbolicName() + " is not started yet", false));
    }

    /** A bundle that FileInstall installed from {@code <repo>/deploy}: a plugin, not part of the feature. */
    private boolean plugin(Bundle bundle) {
        return bundle != null && bundle.getLocation().startsWith(node.repo().resolve("deploy").toUri().toString());
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
