package io.ipfskit.host.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.host.internal.Bandwidth;
import io.ipfskit.host.internal.HostResources;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * kubo's {@code stats/bw[?peer=ID|proto=PROTOCOL][&poll=true&interval=1s]}: bytes the host's streams carried, in all,
 * with one peer or over one protocol, as {@code {"TotalIn","TotalOut","RateIn","RateOut"}}; with {@code poll} one
 * such line per interval until the client leaves.
 */
@Component(property = RpcCommand.NAME + "=stats/bw")
public final class StatsBwCommand implements RpcCommand {

    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    private final HostResources host;

    /** Reads the host's bandwidth counters. */
    @Activate
    public StatsBwCommand(@Reference HostResources host) {
        this.host = host;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Optional<String> peer = request.option("peer");
        Optional<String> protocol = request.option("proto");
        if (peer.isPresent() && protocol.isPresent()) {
            throw RpcException.client("please only specify peer OR protocol");
        }
        PeerId peerId = peer.isPresent() ? Swarm.peerId(peer.get()) : null;
        Bandwidth bandwidth = host.bandwidth();
        if (!request.flag("poll", false)) {
            response.json(report(bandwidth, peerId, protocol));
            return;
        }
        Duration interval = request.duration("interval", Duration.ofSeconds(1));
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw RpcException.client("interval must be at least " + SHORTEST_INTERVAL.toMillis() + "ms");
        }
        RpcResponse.JsonStream stream = response.jsonStream();
        while (true) {
            stream.send(report(bandwidth, peerId, protocol));
            try {
                response.clientGone().toCompletableFuture().get(interval.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                // the next line is due
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return;
            }
        }
    }

    private static Map<String, Object> report(Bandwidth bandwidth, PeerId peer, Optional<String> protocol) {
        Bandwidth.Snapshot snapshot = peer != null ? bandwidth.peer(peer).orElse(Bandwidth.Snapshot.NONE)
                : protocol.map(p -> bandwidth.protocol(p).orElse(Bandwidth.Snapshot.NONE)).orElseGet(bandwidth::total);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("TotalIn", snapshot.totalIn());
        out.put("TotalOut", snapshot.totalOut());
        out.put("RateIn", snapshot.rateIn());
        out.put("RateOut", snapshot.rateOut());
        return out;
    }
}
