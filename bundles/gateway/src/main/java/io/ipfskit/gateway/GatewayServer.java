package io.ipfskit.gateway;

import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.node.FatalReporter;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Multiaddr;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
 * The HTTP gateway at the configured multiaddr (the {@code ipfskit.gateway} framework property, set by
 * {@code daemon --gateway}, wins): once bound it writes the address to {@code <repo>/gateway} as kubo does, and
 * removes it when it stops. Misses go to the network through the node's block service when one runs. A new
 * configuration with the same address applies in place; a new address rebinds; a bad one is logged and the gateway
 * keeps serving as it was. A port in use at start is fatal for the daemon.
 */
@Component(service = GatewayServer.class, immediate = true, configurationPid = GatewayServer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GatewayConfig.class)
public final class GatewayServer {

    static final String PID = "io.ipfskit.gateway";
    /** Framework property holding {@code daemon --gateway}'s multiaddr; the launcher writes the same name. */
    static final String ADDRESS_PROPERTY = "ipfskit.gateway";
    /** The file in the repo holding the bound address while the gateway runs. */
    static final String FILE = "gateway";

    private static final System.Logger LOG = System.getLogger(GatewayServer.class.getName());

    private final BundleContext context;
    private final Path file;
    private final Map<Long, LinkWalker> walkers = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ipfskit-gateway", true));
    private final Retrievals retrievals;
    private final Gateway gateway = new Gateway(walkers::get);
    private volatile GatewayListener listener;

    /** The block service, while one runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BlockService service;

    /** Binds the listener and writes {@code <repo>/gateway}; a failure is reported to the launcher as fatal. */
    @Activate
    public GatewayServer(BundleContext context, GatewayConfig config, @Reference Node node,
            @Reference Blockstore blockstore) {
        this.context = context;
        this.file = node.repo().resolve(FILE);
        this.retrievals = new Retrievals(blockstore, () -> service, timeout(config));
        try {
            validate(config);
            listener = GatewayListener.open(group, requestedAddress(config), config.workers(), gateway, retrievals);
            writeFile();
        } catch (IllegalArgumentException | IOException e) {
            stopAll();
            throw FatalReporter.report(context, e.getMessage());
        }
        LOG.log(System.Logger.Level.DEBUG, "gateway bound to {0}", listener.address());
    }

    /** The address listened on (port resolved). */
    public Multiaddr address() {
        return listener.address();
    }

    /** Applies a new configuration: in place for the same address, else binds the new one before closing the old. */
    @Modified
    synchronized void modified(GatewayConfig config) throws IOException {
        GatewayListener current = listener;
        try {
            validate(config);
            Multiaddr requested = requestedAddress(config);
            retrievals.timeout(timeout(config));
            if (requested.equals(current.requested())) {
                current.workers(config.workers());
                LOG.log(System.Logger.Level.INFO, "Gateway reconfigured, still listening on {0}", current.address());
                return;
            }
            listener = GatewayListener.open(group, requested, config.workers(), gateway, retrievals);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration " + PID + ": {0}; still serving on {1}", e.getMessage(),
                    current.address());
            return;
        }
        current.close();
        writeFile();
        LOG.log(System.Logger.Level.INFO, "Gateway server now listening on {0}", listener.address());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addWalker(LinkWalker walker) {
        walkers.put(walker.codec(), walker);
    }

    void removeWalker(LinkWalker walker) {
        walkers.remove(walker.codec(), walker);
    }

    /** Removes {@code <repo>/gateway}, closes the listener, its connections, workers and event loop. */
    @Deactivate
    void deactivate() throws IOException {
        Files.deleteIfExists(file);
        stopAll();
    }

    private void stopAll() {
        GatewayListener current = listener;
        if (current != null) {
            current.close();
        }
        retrievals.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void writeFile() throws IOException {
        Path temp = file.resolveSibling(FILE + ".tmp");
        Files.writeString(temp, listener.address().toString(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void validate(GatewayConfig config) {
        if (config.workers() < 1 || config.workers() > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, not " + config.workers());
        }
        if (config.retrievalTimeoutSeconds() < 1 || config.retrievalTimeoutSeconds() > 3600) {
            throw new IllegalArgumentException("retrievalTimeoutSeconds must be between 1 and 3600, not "
                    + config.retrievalTimeoutSeconds());
        }
    }

    private static Duration timeout(GatewayConfig config) {
        return Duration.ofSeconds(Math.max(1, config.retrievalTimeoutSeconds()));
    }

    private Multiaddr requestedAddress(GatewayConfig config) {
        String fromCommandLine = context.getProperty(ADDRESS_PROPERTY);
        String text = fromCommandLine != null && !fromCommandLine.isBlank() ? fromCommandLine : config.address();
        try {
            Multiaddr address = Multiaddr.parse(text);
            GatewayListener.socketOf(address);
            return address;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the gateway address '" + text + "' is not usable: " + e.getMessage(), e);
        }
    }
}
