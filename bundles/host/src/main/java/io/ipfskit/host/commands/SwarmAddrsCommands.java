package io.ipfskit.host.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** kubo's RPC {@code swarm/addrs} (the peerstore's addresses by peer) and {@code swarm/addrs/local}, which kubo-rpc-client calls. */
public final class SwarmAddrsCommands {

    private SwarmAddrsCommands() {
    }

    /** {@code swarm/addrs}: {@code {"Addrs":{PEER:[ADDR…]}}}, every peer the peerstore has an address for. */
    @Component(property = RpcCommand.NAME + "=swarm/addrs")
    public static final class Known implements RpcCommand {
        private final Host host;

        /** Reads the host's peerstore. */
        @Activate
        public Known(@Reference Host host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(Map.of("Addrs", known(host)));
        }
    }

    /** {@code swarm/addrs/local[?id=true]}: {@code {"Strings":[ADDR…]}}, with {@code /p2p/<our id>} when asked. */
    @Component(property = RpcCommand.NAME + "=swarm/addrs/local")
    public static final class Local implements RpcCommand {
        private final Host host;

        /** Reads the host's listen addresses. */
        @Activate
        public Local(@Reference Host host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            response.json(Map.of("Strings", local(host, request.flag("id", false))));
        }
    }

    /** The peerstore's addresses by peer id (base58), peers without an address left out, in id order. */
    static Map<String, List<String>> known(Host host) {
        Map<String, List<String>> addrs = new TreeMap<>();
        for (PeerId peer : host.peerstore().peers()) {
            List<String> list = host.peerstore().get(peer).map(PeerData::addresses).orElse(List.of())
                    .stream().map(Multiaddr::toString).toList();
            if (!list.isEmpty()) {
                addrs.put(peer.toBase58(), list);
            }
        }
        return addrs;
    }

    /** The listen addresses, each followed by {@code /p2p/<our id>} when {@code withId}. */
    static List<String> local(Host host, boolean withId) {
        String suffix = withId ? "/p2p/" + host.peerId().toBase58() : "";
        return host.listenAddresses().stream().map(a -> a + suffix).toList();
    }
}
