package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.api.node.FatalReporter;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Serves every registered {@link RpcCommand} over HTTP at the configured multiaddr. Until the node is ready
 * ({@link #ready()}, called by {@link ReadinessMonitor}) every command gets a 503 "node is starting"; from then on it
 * serves, and {@code <repo>/api} holds the address, as kubo writes it. A new configuration with the same address
 * applies in place (the port, even an ephemeral one, is kept); a new address rebinds; a bad one is logged and the
 * server keeps serving as it was.
 */
@Component(service = RpcServer.class, immediate = true, configurationPid = "io.ipfskit.rpc",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RpcConfig.class)
public final class RpcServer {

    private static final System.Logger LOG = System.getLogger(RpcServer.class.getName());

    private final Map<String, RpcCommand> commands = new ConcurrentHashMap<>();
    private final BundleContext context;
    private final Path apiFile;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ipfskit-rpc", true));
    private volatile RpcListener listener;
    private volatile boolean ready;

    /** The node's metrics while the metrics bundle runs: every command run is timed into it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Metrics metrics;

    /** Binds the listener; reports a failure to the launcher as fatal. */
    @Activate
    public RpcServer(BundleContext context, RpcConfig config, @Reference Node node) {
        this.context = context;
        this.apiFile = node.repo().resolve("api");
        try {
            this.listener = RpcListener.open(group, requestedAddress(config), config, this::command, () -> ready);
        } catch (IllegalArgumentException e) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw FatalReporter.report(context, e.getMessage());
        }
        LOG.log(System.Logger.Level.DEBUG, "API server bound to {0}, serving once the node is ready", listener.address());
    }

    /** The node is ready: serves commands from now on and writes {@code <repo>/api}; returns the address served. */
    synchronized Multiaddr ready() throws IOException {
        ready = true;
        writeApiFile();
        return listener.address();
    }

    /** Applies a new configuration: in place for the same address, else binds the new one before closing the old. */
    @Modified
    synchronized void modified(RpcConfig config) throws IOException {
        RpcListener current = listener;
        try {
            Multiaddr requested = requestedAddress(config);
            RpcListener.validate(requested, config);
            if (requested.equals(current.requested())) {
                current.reconfigure(config);
                LOG.log(System.Logger.Level.INFO, "API server reconfigured, still listening on {0}", current.address());
                return;
            }
            listener = RpcListener.open(group, requested, config, this::command, () -> ready);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration io.ipfskit.rpc: {0}; still serving on {1}", e.getMessage(),
                    current.address());
            return;
        }
        current.close();
        if (ready) {
            writeApiFile();
        }
        LOG.log(System.Logger.Level.INFO, "API server now listening on {0}", listener.address());
    }

    /** The address actually listened on (port resolved). */
    public Multiaddr address() {
        return listener.address();
    }

    /** The command registered under the name, timed; null when there is none. */
    private RpcCommand command(String name) {
        RpcCommand command = commands.get(name);
        return command == null ? null : new TimedCommand(name, command, () -> metrics);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(RpcCommand command, Map<String, Object> properties) {
        Object name = properties.get(RpcCommand.NAME);
        if (name instanceof String path && !path.isBlank()) {
            commands.put(path, command);
        } else {
            LOG.log(System.Logger.Level.WARNING, "ignoring an RpcCommand service without the {0} property", RpcCommand.NAME);
        }
    }

    void removeCommand(RpcCommand command, Map<String, Object> properties) {
        Object name = properties.get(RpcCommand.NAME);
        if (name instanceof String path) {
            commands.remove(path, command);
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        Files.deleteIfExists(apiFile);
        listener.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private void writeApiFile() throws IOException {
        Path temp = apiFile.resolveSibling("api.tmp");
        Files.writeString(temp, listener.address().toString(), StandardCharsets.UTF_8);
        Files.move(temp, apiFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Multiaddr requestedAddress(RpcConfig config) {
        String fromCommandLine = context.getProperty(RuntimeProperties.API);
        String text = fromCommandLine != null && !fromCommandLine.isBlank() ? fromCommandLine : config.address();
        try {
            return Multiaddr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the API address '" + text + "' is not a multiaddr: " + e.getMessage(), e);
        }
    }
}
