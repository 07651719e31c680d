package io.ipfskit.protocol.ping;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.net.Ping;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * RPC {@code ping?arg=PEER&count=N} as kubo streams it (one JSON object per ping, then the average), and the Gogo
 * command {@code ipfs:ping PEER [COUNT]}; PEER is a peer id or an address ending in /p2p/ID.
 */
@Component(service = {RpcCommand.class, PingCommand.class},
        property = {RpcCommand.NAME + "=ping", "osgi.command.scope=ipfs", "osgi.command.function=ping"})
public final class PingCommand implements RpcCommand {

    private final Ping ping;
    private final io.ipfskit.api.net.Host host;

    /** Pings through the ping service, connecting through the host to addresses given. */
    @Activate
    public PingCommand(@Reference Ping ping, @Reference io.ipfskit.api.net.Host host) {
        this.ping = ping;
        this.host = host;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        PeerId peer = target(request.argument(0, "peer ID"));
        int count = (int) request.number("count", 10, 1, 1000);
        RpcResponse.JsonStream out = response.jsonStream();
        IOException[] failure = new IOException[1];
        run(peer, count, line -> {
            try {
                out.send(line);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Gogo: pings a peer ten times and returns the lines kubo would print. */
    public String ping(String peer) throws RpcException {
        return ping(peer, 10);
    }

    /** Gogo: pings a peer {@code count} times and returns the lines kubo would print. */
    public String ping(String peer, int count) throws RpcException {
        StringBuilder text = new StringBuilder();
        run(target(peer), Math.max(1, Math.min(count, 1000)), line -> {
            Object t = line.get("Text");
            text.append("".equals(t) ? "Pong received: time=" + millis((Long) line.get("Time")) : t).append('\n');
        });
        return text.toString().trim();
    }

    private PeerId target(String text) throws RpcException {
        try {
            if (text.startsWith("/")) {
                Multiaddr address = Multiaddr.parse(text);
                PeerId peer = address.peerId().orElseThrow(() -> new IllegalArgumentException("no /p2p/ part"));
                host.connect(address).toCompletableFuture().get(30, TimeUnit.SECONDS);
                return peer;
            }
            return PeerId.parse(text);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid peer " + text + ": " + e.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw new RpcException(RpcException.Kind.NORMAL, "cannot connect to " + text + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcException.Kind.NORMAL, "interrupted");
        }
    }

    private void run(PeerId peer, int count, Consumer<Map<String, Object>> out) {
        out.accept(line(true, 0, "PING " + peer.toBase58() + "."));
        long total = 0;
        int received = 0;
        for (int i = 0; i < count; i++) {
            try {
                Duration rtt = ping.ping(peer).toCompletableFuture().get(15, TimeUnit.SECONDS);
                total += rtt.toNanos();
                received++;
                out.accept(line(true, rtt.toNanos(), ""));
            } catch (ExecutionException | TimeoutException e) {
                out.accept(line(false, 0, "Ping error: " + (e.getCause() != null ? e.getCause().getMessage() : "timed out")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.accept(received == 0 ? line(false, 0, "Ping failed")
                : line(true, 0, "Average latency: " + millis(total / received)));
    }

    private static Map<String, Object> line(boolean success, long nanos, String text) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("Success", success);
        line.put("Time", nanos);
        line.put("Text", text);
        return line;
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2fms", nanos / 1e6);
    }
}
