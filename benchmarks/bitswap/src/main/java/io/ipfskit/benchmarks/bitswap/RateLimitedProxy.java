package io.ipfskit.benchmarks.bitswap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP relay to one target: every connection accepted on {@link #port()} is joined to a new connection to the
 * target; bytes from the client pass as they come, bytes from the target are paced to {@code bytesPerSecond} per
 * connection, as a link of that rate would carry them (read in slices of at most 16 KiB).
 */
final class RateLimitedProxy implements AutoCloseable {

    private static final int SLICE = 16 * 1024;

    private final InetSocketAddress target;
    private final long bytesPerSecond;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RateLimitedProxy(InetSocketAddress target, long bytesPerSecond) throws IOException {
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up", () -> pump(client, upstream, 0));
                daemon("proxy-down", () -> pump(upstream, client, bytesPerSecond));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies until either side closes, then closes both. With a rate (0: none), each slice is written when a link of
     * that rate would have finished sending it: the link is busy until {@code free}, and idle time gives no credit.
     */
    private static void pump(Socket from, Socket to, long rate) {
        byte[] buffer = new byte[SLICE];
        long free = System.nanoTime();
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (rate > 0) {
                    free = Math.max(free, System.nanoTime()) + n * 1_000_000_000L / rate;
                    long wait = free - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | InterruptedException e) {
            // one side went away: both are closed
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
