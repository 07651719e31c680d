package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.node.FatalReporter;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Serves every registered {@link RpcCommand} over HTTP at the configured multiaddr, and writes that address to
 * {@code <repo>/api} while listening, as kubo does. A new configuration rebinds.
 */
@Component(service = RpcServer.class, immediate = true, configurationPid = "io.ipfskit.rpc",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RpcConfig.class)
public final class RpcServer {

    private static final System.Logger LOG = System.getLogger(RpcServer.class.getName());

    private final Map<String, RpcCommand> commands = new ConcurrentHashMap<>();
    private final Path apiFile;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final Channel server;
    private final Multiaddr address;

    /** Binds the listener; reports a bind failure to the launcher as fatal. */
    @Activate
    public RpcServer(BundleContext context, RpcConfig config, @Reference Node node) throws IOException {
        this.apiFile = node.repo().resolve("api");
        Multiaddr requested = requestedAddress(context, config);
        InetSocketAddress socket = requested.toSocketAddress()
                .filter(s -> requested.valueOf(Protocol.TCP).isPresent())
                .orElseThrow(() -> fatal(context, "the API address " + requested + " is not an ip4/ip6 tcp multiaddr"));
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * config.workers()), new DefaultThreadFactory("ipfskit-rpc-worker", true));
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("ipfskit-rpc", true));
        try {
            this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(initializer(config, socket)).bind(socket).sync().channel();
        } catch (Exception e) {
            shutdownThreads();
            throw fatal(context, "cannot serve the API on " + requested + ": " + e.getMessage());
        }
        this.address = Multiaddr.fromSocket((InetSocketAddress) server.localAddress(), Protocol.TCP);
        writeApiFile();
        LOG.log(System.Logger.Level.INFO, "API server listening on {0}", address);
    }

    private ChannelInitializer<SocketChannel> initializer(RpcConfig config, InetSocketAddress socket) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                int port = ((InetSocketAddress) server.localAddress()).getPort();
                channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(config.max_body_bytes()),
                        new RpcHttpHandler(commands::get, new RequestGuard(port, config.allowed_origins()), workers));
            }
        };
    }

    /** The address actually listened on (port resolved). */
    public Multiaddr address() {
        return address;
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
        server.close().syncUninterruptibly();
        shutdownThreads();
    }

    private void shutdownThreads() {
        workers.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private void writeApiFile() throws IOException {
        Path temp = apiFile.resolveSibling("api.tmp");
        Files.writeString(temp, address.toString(), StandardCharsets.UTF_8);
        Files.move(temp, apiFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Multiaddr requestedAddress(BundleContext context, RpcConfig config) {
        String fromCommandLine = context.getProperty(RuntimeProperties.API);
        String text = fromCommandLine != null && !fromCommandLine.isBlank() ? fromCommandLine : config.address();
        try {
            return Multiaddr.parse(text);
        } catch (IllegalArgumentException e) {
            throw fatal(context, "the API address '" + text + "' is not a multiaddr: " + e.getMessage());
        }
    }

    private static IllegalStateException fatal(BundleContext context, String reason) {
        return FatalReporter.report(context, reason);
    }
}
