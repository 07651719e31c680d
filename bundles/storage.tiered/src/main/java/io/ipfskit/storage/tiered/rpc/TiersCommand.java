package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.TierMonitor;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code storage/tiers}: every tier's counters, fastest first (not a kubo command). */
@Component(property = RpcCommand.NAME + "=storage/tiers")
public final class TiersCommand implements RpcCommand {

    private final TierMonitor monitor;

    /** The command over the tiered blockstore's monitor. */
    @Activate
    public TiersCommand(@Reference TierMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        response.json(Map.of("Tiers", monitor.tierStats()));
    }
}
