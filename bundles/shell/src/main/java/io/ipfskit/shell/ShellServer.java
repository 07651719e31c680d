package io.ipfskit.shell;

import io.ipfskit.api.node.RuntimeProperties;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Serves the Gogo shell on {@code <repo>/shell.sock} (the repo of the {@code ipfskit.repo} framework property, so the
 * shell needs no other bundle of ours and stays while they are stopped), a Unix socket only the repo's owner can open,
 * for {@code ipfs-kit shell}; see {@link ShellSession} for the exchange. Stopping ends every session, a session running
 * a command (perhaps the one stopping the shell) once its reply is sent.
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
    private final Set<ShellSession> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    @Activate
    public ShellServer(@Reference CommandProcessor processor, BundleContext context) throws IOException {
        String repo = context.getProperty(RuntimeProperties.REPO);
        if (repo == null || repo.isBlank()) {
            throw new IllegalStateException("the framework property " + RuntimeProperties.REPO
                    + " names no repo, where the shell socket lives");
        }
        this.socketPath = Path.of(repo).toAbsolutePath().resolve(SOCKET_NAME);
        Files.deleteIfExists(socketPath);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_SESSIONS, MAX_SESSIONS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> daemon(runnable, "ipfskit-shell-session"));
        pool.allowCoreThreadTimeOut(true);
        this.sessions = pool;
        this.acceptor = daemon(() -> acceptLoop(processor), "ipfskit-shell-accept");
        acceptor.start();
    }

    private void acceptLoop(CommandProcessor processor) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                ShellSession session = new ShellSession(processor, client, open::remove);
                open.add(session);
                if (!server.isOpen()) {
                    session.end();
                }
                sessions.execute(session);
            } catch (RejectedExecutionException e) {
                return;
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(System.Logger.Level.WARNING, "shell socket: {0}", e.getMessage());
                }
            }
        }
    }

    /**
     * Stops accepting and ends the sessions without interrupting them: an idle one at once, a busy one after its reply
     * (its command may be the very one stopping this bundle, waiting for the stop to finish).
     */
    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        server.close();
        open.forEach(ShellSession::end);
        sessions.shutdown();
        acceptor.join(2000);
        Files.deleteIfExists(socketPath);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
