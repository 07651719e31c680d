package io.ipfskit.host.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.net.Host;
import io.ipfskit.multiformats.Multiaddr;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo {@code ipfs:swarm peers|connect ADDR|disconnect ADDR|addrs}: the swarm commands as text. */
@Component(service = SwarmGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=swarm"})
public final class SwarmGogoCommand {

    private final Host host;

    /** Works on the given host. */
    @Activate
    public SwarmGogoCommand(@Reference Host host) {
        this.host = host;
    }

    /** {@code swarm peers} or {@code swarm addrs}. */
    public String swarm(String what) throws RpcException {
        return switch (what) {
            case "peers" -> Swarm.peers(host).stream().map(SwarmGogoCommand::line).collect(Collectors.joining("\n"));
            case "addrs" -> host.listenAddresses().stream().map(Multiaddr::toString).collect(Collectors.joining("\n"));
            default -> throw RpcException.client("usage: swarm peers|addrs|connect ADDR|disconnect ADDR");
        };
    }

    /** {@code swarm connect ADDR} or {@code swarm disconnect ADDR}. */
    public String swarm(String what, String target) throws RpcException {
        return switch (what) {
            case "connect" -> Swarm.connect(host, target);
            case "disconnect" -> Swarm.disconnect(host, target);
            default -> throw RpcException.client("usage: swarm peers|addrs|connect ADDR|disconnect ADDR");
        };
    }

    private static String line(Map<String, Object> peer) {
        return List.of("Addr", "Peer", "Latency", "Direction").stream().map(k -> String.valueOf(peer.get(k)))
                .collect(Collectors.joining(" "));
    }
}
