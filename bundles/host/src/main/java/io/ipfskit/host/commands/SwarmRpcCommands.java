package io.ipfskit.host.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.net.Host;
import io.ipfskit.host.internal.HostResources;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The RPC {@code swarm/*} commands, one service each, answering in kubo's shapes. */
public final class SwarmRpcCommands {

    private SwarmRpcCommands() {
    }

    /** {@code swarm/peers}: the open connections. */
    @Component(property = RpcCommand.NAME + "=swarm/peers")
    public static final class Peers implements RpcCommand {
        private final Host host;

        /** Reads connections from the host. */
        @Activate
        public Peers(@Reference Host host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(Map.of("Peers", Swarm.peers(host)));
        }
    }

    /** {@code swarm/connect?arg=ADDR...}: connects to each address ending in /p2p/ID. */
    @Component(property = RpcCommand.NAME + "=swarm/connect")
    public static final class Connect implements RpcCommand {
        private final Host host;

        /** Connects through the host. */
        @Activate
        public Connect(@Reference Host host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            eachAddress(request, response, address -> Swarm.connect(host, address));
        }
    }

    /** {@code swarm/disconnect?arg=ADDR...}: closes the connections to each peer. */
    @Component(property = RpcCommand.NAME + "=swarm/disconnect")
    public static final class Disconnect implements RpcCommand {
        private final Host host;

        /** Disconnects through the host. */
        @Activate
        public Disconnect(@Reference Host host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            eachAddress(request, response, address -> Swarm.disconnect(host, address));
        }
    }

    /** {@code swarm/addrs/listen}: the addresses the host listens on. */
    @Component(property = RpcCommand.NAME + "=swarm/addrs/listen")
    public static final class ListenAddrs implements RpcCommand {
        private final Host host;

        /** Reads listen addresses from the host. */
        @Activate
        public ListenAddrs(@Reference Host host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(Map.of("Strings", host.listenAddresses().stream().map(Multiaddr::toString).toList()));
        }
    }

    /**
     * {@code swarm/resources}: the resource manager's limits, what is held of each now and how much of each was
     * refused, as {@code {"Limits":{...},"Usage":{...},"Refused":{...}}}.
     */
    @Component(property = RpcCommand.NAME + "=swarm/resources")
    public static final class Resources implements RpcCommand {
        private final HostResources host;

        /** Reads the host's resource figures. */
        @Activate
        public Resources(@Reference HostResources host) {
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(Swarm.resources(host));
        }
    }

    /** Applies the action to each address argument (at least one) and replies with its lines, as kubo's Strings. */
    private static void eachAddress(RpcRequest request, RpcResponse response, AddressAction action)
            throws RpcException, IOException {
        request.argument(0, "address");
        List<String> lines = new ArrayList<>();
        for (String address : request.arguments()) {
            lines.add(action.apply(address));
        }
        response.json(Map.of("Strings", lines));
    }

    /** What a swarm verb does with one address, answering one line. */
    private interface AddressAction {
        String apply(String address) throws RpcException;
    }
}
