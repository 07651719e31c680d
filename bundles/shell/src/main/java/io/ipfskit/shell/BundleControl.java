package io.ipfskit.shell;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Stops, starts and restarts our bundles, one operation at a time on a thread of its own: the thread that asked (a
 * shell session, an RPC worker) may belong to what the operation stops, and is then let go while the operation
 * finishes, instead of being interrupted half way through it.
 */
@Component(service = BundleControl.class)
public final class BundleControl {

    /** What can be done to a bundle. */
    enum Operation {
        STOP, START, RESTART;

        /** The word for it in a reply, e.g. {@code restart}. */
        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How long a caller waits for an operation before it is told the operation goes on without it. */
    static final Duration LIMIT = Duration.ofSeconds(60);
    /** The prefix of our bundles' symbolic names. */
    static final String OURS = "io.ipfskit.";

    private final BundleContext context;
    private final ExecutorService operations = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ipfskit-bundle-control");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public BundleControl(BundleContext context) {
        this.context = context;
    }

    /** Our bundles, by id. */
    List<Bundle> ours() {
        return Arrays.stream(context.getBundles()).filter(BundleControl::isOurs).toList();
    }

    /** Our bundle of that symbolic name, or an IllegalArgumentException naming the mistake. */
    Bundle ours(String name) {
        return ours().stream().filter(b -> b.getSymbolicName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no IPFS Kit bundle named " + name));
    }

    /**
     * Refuses (IllegalArgumentException) to stop the bundle serving these commands, this one: stopped, nothing could
     * start it again but a restart of the node.
     */
    void checkAllowed(Operation operation, Bundle bundle) {
        if (operation == Operation.STOP && bundle.getBundleId() == context.getBundle().getBundleId()) {
            throw new IllegalArgumentException(bundle.getSymbolicName() + " serves the commands that start bundles again:"
                    + " stopped, nothing could start it; restart it instead");
        }
    }

    /** Starts the operation, if allowed, after those already asked for; the stage completes with the bundle once done. */
    CompletableFuture<Bundle> submit(Operation operation, Bundle bundle) {
        checkAllowed(operation, bundle);
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (operation != Operation.START) {
                    bundle.stop();
                }
                if (operation != Operation.STOP) {
                    bundle.start();
                }
                return bundle;
            } catch (BundleException e) {
                throw new IllegalStateException(operation.word() + " " + bundle.getSymbolicName() + ": " + e.getMessage(), e);
            }
        }, operations);
    }

    /** Runs the operation and waits for it, up to {@link #LIMIT}; returns the bundle's state name afterwards. */
    String run(Operation operation, Bundle bundle) throws InterruptedException {
        try {
            submit(operation, bundle).get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            return BundleStates.name(bundle.getState());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(bundle.getSymbolicName() + " did not " + operation.word() + " within "
                    + LIMIT.toSeconds() + " s; it goes on (" + BundleStates.name(bundle.getState()) + " now)");
        }
    }

    /** Takes no new operation; the one running (perhaps stopping this very bundle) finishes on its thread. */
    @Deactivate
    void deactivate() {
        operations.shutdown();
    }

    private static boolean isOurs(Bundle bundle) {
        return bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(OURS);
    }
}
