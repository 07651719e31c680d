package io.ipfskit.relay;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/** {@code swarm/reachability}: {@code {"Reachability":"Unknown"|"Public"|"Private"}}, as AutoNAT found it. */
final class ReachabilityCommand implements RpcCommand {

    private final Supplier<Reachability> reachability;

    ReachabilityCommand(Supplier<Reachability> reachability) {
        this.reachability = reachability;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        response.json(Map.of("Reachability", reachability.get().label()));
    }
}
