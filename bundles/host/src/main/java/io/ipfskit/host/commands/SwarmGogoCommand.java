package io.ipfskit.host.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.net.Host;
import io.ipfskit.host.internal.HostResources;
import io.ipfskit.host.internal.ResourceSnapshot;
import io.ipfskit.multiformats.Multiaddr;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo {@code ipfs:swarm peers|addrs|resources|connect ADDR|disconnect ADDR}: the swarm commands as text. */
@Component(service = SwarmGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=swarm"})
public final class SwarmGogoCommand {

    private static final String USAGE = "usage: swarm peers|addrs|resources|connect ADDR|disconnect ADDR";

    private final Host host;
    private final HostResources resources;

    /** Works on the given host. */
    @Activate
    public SwarmGogoCommand(@Reference Host host, @Reference HostResources resources) {
        this.host = host;
        this.resources = resources;
    }

    /** {@code swarm peers}, {@code swarm addrs} or {@code swarm resources}. */
    public String swarm(String what) throws RpcException {
        return switch (what) {
            case "peers" -> Swarm.peers(host).stream().map(SwarmGogoCommand::line).collect(Collectors.joining("\n"));
            case "addrs" -> host.listenAddresses().stream().map(Multiaddr::toString).collect(Collectors.joining("\n"));
            case "resources" -> resources();
            default -> throw RpcException.client(USAGE);
        };
    }

    /** One line per limit: name, held now (- for per-peer and per-IP limits), limit, refused so far. */
    private String resources() {
        ResourceSnapshot s = resources.resources();
        return s.limits().entrySet().stream().map(e -> e.getKey() + " "
                + (s.usage().containsKey(e.getKey()) ? s.usage().get(e.getKey()) : "-") + "/" + e.getValue()
                + " refused " + s.refused().getOrDefault(e.getKey(), 0L)).collect(Collectors.joining("\n"));
    }

    /** {@code swarm connect ADDR} or {@code swarm disconnect ADDR}. */
    public String swarm(String what, String target) throws RpcException {
        return switch (what) {
            case "connect" -> Swarm.connect(host, target);
            case "disconnect" -> Swarm.disconnect(host, target);
            default -> throw RpcException.client(USAGE);
        };
    }

    private static String line(Map<String, Object> peer) {
        return List.of("Addr", "Peer", "Latency", "Direction").stream().map(k -> String.valueOf(peer.get(k)))
                .collect(Collectors.joining(" "));
    }
}
