package io.ipfskit.itests.platform;

import static org.ops4j.pax.exam.Constants.START_LEVEL_DEFAULT_PROVISION;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.node.RuntimeProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Runs Felix with one feature's bundles (core unless a suite says otherwise) over a fresh repo whose deploy/ and etc/ FileInstall watches. */
public abstract class PlatformTestSupport {

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        List<Option> options = new ArrayList<>();
        Path bundles = Path.of(System.getProperty("ipfskit.itest.features"), feature(), "target", "bundles");
        try (Stream<Path> jars = Files.list(bundles)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .forEach(p -> options.add(bundle("reference:" + p.toUri()).startLevel(startLevel(p))));
        }
        Path repo = createRepo();
        options.add(frameworkProperty("ipfskit.repo").value(repo.toString()));
        // the test profile, as daemon --profile test sets it (runtime's Profile.TEST): nothing leaves the machine
        // (a suite on the full feature puts the swarm on a loopback port: FullNodeTestSupport)
        options.add(frameworkProperty(RuntimeProperties.API).value("/ip4/127.0.0.1/tcp/0"));
        options.add(frameworkProperty(RuntimeProperties.BOOTSTRAP).value(""));
        options.add(frameworkProperty(RuntimeProperties.DHT_ACCEPT_PRIVATE_ADDRESSES).value("true"));
        options.add(frameworkProperty(RuntimeProperties.MDNS).value("false"));
        options.add(frameworkProperty("felix.fileinstall.dir").value(repo.resolve("deploy") + "," + repo.resolve("etc")));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
        // as the runtime runs it: FileInstall's write-back truncated a file its own scanner read (a flaky role test)
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.addAll(extraOptions(repo));
        options.add(junitBundles());
        options.add(cleanCaches());
        return options(options.toArray(new Option[0]));
    }

    /** SPI Fly starts before the rest (as the runtime starts it), so its weaving hook sees every ServiceLoader user. */
    private static int startLevel(Path bundle) {
        return bundle.getFileName().toString().contains("spifly") ? 1 : START_LEVEL_DEFAULT_PROVISION;
    }

    /** The feature whose bundles run: a folder of {@code features/}. */
    protected String feature() {
        return "core";
    }

    /** Options a suite adds to the framework's (framework properties, configurations in {@code repo/etc}). */
    protected List<Option> extraOptions(Path repo) throws IOException {
        return List.of();
    }

    /** The repo of the running framework (the test class is loaded twice: here and in the probe bundle). */
    protected Path repo() {
        return Path.of(context.getProperty("ipfskit.repo"));
    }

    private static Path createRepo() {
        try {
            Path repo = Files.createTempDirectory("ipfskit-itest");
            Files.createDirectories(repo.resolve("deploy"));
            Files.createDirectories(repo.resolve("etc"));
            return repo;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the condition holds, failing with the description after the timeout. */
    protected static void await(String description, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + description);
            }
            Thread.sleep(25);
        }
    }

    /** Calls a registered RPC command in-process and returns its JSON reply value. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> rpc(String name) throws Exception {
        Collection<ServiceReference<RpcCommand>> refs = context.getServiceReferences(RpcCommand.class,
                "(" + RpcCommand.NAME + "=" + name + ")");
        if (refs.isEmpty()) {
            throw new AssertionError("no RPC command " + name + " is registered");
        }
        RpcCommand command = context.getService(refs.iterator().next());
        AtomicReference<Object> reply = new AtomicReference<>();
        command.execute(new RpcRequest(name, List.of(), Map.of(), new ByteArrayInputStream(new byte[0]), ""),
                new RpcResponse() {
                    @Override
                    public void json(Object value) {
                        reply.set(value);
                    }

                    @Override
                    public JsonStream jsonStream() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public OutputStream bytes(String contentType) {
                        throw new UnsupportedOperationException();
                    }
                });
        return (Map<String, Object>) reply.get();
    }

    /** The protocol ids the node reports in {@code id}. */
    @SuppressWarnings("unchecked")
    protected List<String> announcedProtocols() {
        try {
            return (List<String>) rpc("id").get("Protocols");
        } catch (Exception e) {
            throw new AssertionError("id failed: " + e, e);
        }
    }

    /** Whether a service matching the filter is registered now. */
    protected boolean registered(String type, String filter) {
        try {
            return context.getServiceReferences(type, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected static final Duration TIMEOUT = Duration.ofSeconds(20);
}
