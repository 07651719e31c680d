package io.ipfskit.shell;

import io.ipfskit.api.node.Node;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Serves the Gogo shell on {@code <repo>/shell.sock}, a Unix socket only the repo's owner can open, for
 * {@code ipfs-kit shell}; see {@link ShellSession} for the exchange.
 */
@Component(immediate = true)
public final class ShellServer {

    /** The socket's file name in the repo. */
    public static final String SOCKET_NAME = "shell.sock";
    private static final int MAX_SESSIONS = 4;
    private static final System.Logger LOG = System.getLogger(ShellServer.class.getName());

    private final Path socketPath;
    private final ServerSocketChannel server;
    private final ExecutorService sessions;
    private final Thread acceptor;

    @Activate
    public ShellServer(@Reference CommandProcessor processor, @Reference Node node) throws IOException {
        this.socketPath = node.repo().resolve(SOCKET_NAME);
        Files.deleteIfExists(socketPath);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
        this.sessions = new ThreadPoolExecutor(MAX_SESSIONS, MAX_SESSIONS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "ipfskit-shell-session"));
        this.acceptor = daemon(() -> acceptLoop(processor), "ipfskit-shell-accept");
        acceptor.start();
    }

    private void acceptLoop(CommandProcessor processor) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                sessions.execute(new ShellSession(processor, client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(System.Logger.Level.WARNING, "shell socket: {0}", e.getMessage());
                }
            }
        }
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        server.close();
        sessions.shutdownNow();
        acceptor.join(2000);
        Files.deleteIfExists(socketPath);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
