package io.ipfskit.launcher;

import io.ipfskit.api.node.RuntimeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** A Felix framework running one feature's bundles over a locked repo, with FileInstall watching deploy/ and etc/. */
final class NodeRuntime {

    private static final Duration ETC_TIMEOUT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger("io.ipfskit.launcher");
    private static final String READINESS_FILTER = "(ipfskit.readiness=node)";

    private final Framework framework;
    private final Path repo;
    private final AtomicReference<String> fatal = new AtomicReference<>();

    private NodeRuntime(Framework framework, Path repo) {
        this.framework = framework;
        this.repo = repo;
    }

    /** Starts the framework and every bundle of the feature; fails with the names of bundles that would not start. */
    static NodeRuntime start(Path home, String feature, Path repo, Map<String, String> launchProperties, LogLevels logs) {
        Path bundles = home.resolve("features").resolve(feature);
        if (!Files.isDirectory(bundles)) {
            throw new LauncherException("unknown feature '" + feature + "' (available: " + features(home) + ")");
        }
        Map<String, Object> properties = new HashMap<>(launchProperties);
        properties.put(Constants.FRAMEWORK_STORAGE, repo.resolve("felix-cache").toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.misc");
        properties.put(RuntimeProperties.REPO, repo.toString());
        properties.put("felix.cm.dir", repo.resolve("config").toString());
        properties.put("felix.fileinstall.dir", repo.resolve("deploy") + "," + repo.resolve("etc"));
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.poll", "500");
        // FileInstall would write every configuration update back to its etc/*.cfg, truncating the file while its
        // own scanner may read it: a configuration then arrives empty (defaults at start, a change undone later).
        // The files are the operator's; run-time changes live in ConfigAdmin's store (config/).
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.log.logger", new FrameworkLog());
        properties.put("felix.log.level", String.valueOf(osgiLevel(logs.effective("org.apache.felix.framework"))));
        properties.put("felix.fileinstall.log.level", String.valueOf(osgiLevel(logs.effective("org.apache.felix.fileinstall"))));
        // SCR logs every retry of a failing component; the readiness monitor reports failures in one line instead,
        // so SCR's own log is on only when asked for (--log-level LEVEL or org.apache.felix.scr=LEVEL).
        properties.put("ds.log.enabled", String.valueOf(logs.asked("org.apache.felix.scr").isPresent()));
        properties.put("ds.loglevel", String.valueOf(osgiLevel(logs.effective("org.apache.felix.scr"))));
        Framework framework = newFramework(properties);
        NodeRuntime runtime = new NodeRuntime(framework, repo);
        try {
            framework.init();
            runtime.registerFatalReporter();
            long begun = System.nanoTime();
            List<Bundle> installed = runtime.install(bundles);
            framework.start();
            LOG.log(System.Logger.Level.DEBUG, "{0} bundles installed in {1} ms", installed.size(), millisSince(begun));
            runtime.startAll(installed);
            LOG.log(System.Logger.Level.DEBUG, "every bundle started after {0} ms", millisSince(begun));
        } catch (BundleException | IOException e) {
            runtime.stop();
            throw new LauncherException("cannot start the node: " + e.getMessage());
        } catch (InterruptedException e) {
            runtime.stop();
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while starting");
        }
        return runtime;
    }

    /** Felix takes the framework logger as an object among the (otherwise string) configuration properties. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Framework newFramework(Map<String, Object> properties) {
        return ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LauncherException("no OSGi framework on the class path"))
                .newFramework((Map) properties);
    }

    private void registerFatalReporter() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("ipfskit.launcher", "fatal");
        Consumer<String> reporter = reason -> {
            if (fatal.compareAndSet(null, reason)) {
                // The node stops with this one line: what the stopping components log next would only repeat it.
                LogSetup.quietUnlessDebug();
            } else {
                System.err.println("Error: " + reason);
            }
        };
        framework.getBundleContext().registerService(Consumer.class, reporter, properties);
    }

    private List<Bundle> install(Path folder) throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        List<Bundle> installed = new ArrayList<>();
        BundleContext context = framework.getBundleContext();
        for (Path jar : jars) {
            installed.add(context.installBundle("reference:" + jar.toUri()));
        }
        return installed;
    }

    /**
     * Starts the platform's bundles (SPI Fly, then service-loader providers, then the log service, so that the others log
     * through it from their first line), waits for etc/*.cfg to reach ConfigAdmin, then ours.
     */
    private void startAll(List<Bundle> bundles) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        List<Bundle> ours = bundles.stream().filter(b -> isOurs(b) && !exportsLogService(b)).toList();
        start(bundles.stream().filter(b -> !ours.contains(b))
                .sorted(Comparator.comparing((Bundle b) -> !processesServiceLoaders(b))
                        .thenComparing(b -> !providesServiceLoader(b)).thenComparing(b -> !exportsLogService(b)))
                .toList(), failures);
        if (failures.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "platform bundles started");
            EtcConfigurations.awaitApplied(framework.getBundleContext(), repo.resolve("etc"), ETC_TIMEOUT);
            LOG.log(System.Logger.Level.DEBUG, "etc/*.cfg applied");
            start(ours, failures);
        }
        if (!failures.isEmpty()) {
            stop();
            throw new LauncherException("bundles did not start: " + String.join("; ", failures));
        }
    }

    private static void start(List<Bundle> bundles, List<String> failures) {
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                long begun = System.nanoTime();
                bundle.start();
                LOG.log(System.Logger.Level.DEBUG, "{0} started in {1} ms", bundle.getSymbolicName(), millisSince(begun));
            } catch (BundleException e) {
                failures.add(bundle.getSymbolicName() + ": " + e.getMessage() + rootCause(e));
            }
        }
    }

    /** The innermost cause of a failure, as {@code " (caused by Type: message)"}, or nothing when it has none. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? "" : " (caused by " + root + ")";
    }

    /** SPI Fly starts first: its weaving hook must be in place before a library's classes that use ServiceLoader load. */
    private static boolean processesServiceLoaders(Bundle bundle) {
        String capabilities = bundle.getHeaders().get(Constants.PROVIDE_CAPABILITY);
        return capabilities != null && capabilities.contains("osgi.serviceloader.processor");
    }

    /** Service-loader providers (an slf4j binding) start first, so no library looks them up before they exist. */
    private static boolean providesServiceLoader(Bundle bundle) {
        String capabilities = bundle.getHeaders().get(Constants.PROVIDE_CAPABILITY);
        return capabilities != null && capabilities.contains("osgi.serviceloader");
    }

    private static boolean exportsLogService(Bundle bundle) {
        String exports = bundle.getHeaders().get(Constants.EXPORT_PACKAGE);
        return exports != null && exports.contains("org.osgi.service.log");
    }

    private static boolean isOurs(Bundle bundle) {
        return bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("io.ipfskit.");
    }

    /**
     * Waits until the node's readiness monitor (a {@code Supplier<Map<String, Object>>} service of the rpc bundle,
     * {@code (ipfskit.readiness=node)}) says ready, and returns the lines it reports; stops the node with one line
     * naming the reason when a component reported a fatal error, the monitor saw a failure, or the time is up.
     */
    List<String> awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String reason = "the readiness monitor (bundle io.ipfskit.rpc) is not running";
        while (true) {
            if (fatal.get() != null) {
                fail(fatal.get());
            }
            Map<?, ?> state = readiness();
            if (state != null) {
                reason = String.valueOf(state.get("reason"));
                if ("ready".equals(state.get("state"))) {
                    return ((List<?>) state.get("report")).stream().map(String::valueOf).toList();
                }
                if ("failed".equals(state.get("state"))) {
                    fail(reason);
                }
            }
            if (System.nanoTime() > deadline) {
                fail("the node did not become ready within " + timeout.toSeconds() + " s: " + reason);
            }
            Thread.sleep(20);
        }
    }

    /** The OSGi log level (1 error, 2 warning, 3 info, 4 debug) of a java.util.logging level. */
    private static int osgiLevel(java.util.logging.Level level) {
        int value = level.intValue();
        return value >= 1000 ? 1 : value >= 900 ? 2 : value >= 800 ? 3 : 4;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void fail(String reason) {
        stop();
        throw new LauncherException(reason);
    }

    private Map<?, ?> readiness() {
        BundleContext context = framework.getBundleContext();
        try {
            ServiceReference<?>[] references = context.getServiceReferences(Supplier.class.getName(), READINESS_FILTER);
            if (references == null) {
                return null;
            }
            Object monitor = context.getService(references[0]);
            try {
                return monitor instanceof Supplier<?> supplier && supplier.get() instanceof Map<?, ?> state ? state : null;
            } finally {
                context.ungetService(references[0]);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks until the framework has stopped (by {@link #stop()} or from the shell). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Whether the framework is still running (not stopping or stopped). */
    boolean running() {
        return framework.getState() == Bundle.ACTIVE;
    }

    /** Stops every bundle and the framework, waiting up to 30 seconds. */
    void stop() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            System.err.println("Error: stopping the framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String features(Path home) {
        try (Stream<Path> folders = Files.list(home.resolve("features"))) {
            return String.join(", ", folders.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            return "none";
        }
    }
}
