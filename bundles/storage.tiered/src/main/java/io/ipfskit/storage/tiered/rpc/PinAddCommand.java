package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code pin/add}: pins roots, recursively unless {@code recursive=false}; the whole DAG must be present, and is made durable. */
@Component(property = RpcCommand.NAME + "=pin/add")
public final class PinAddCommand implements RpcCommand {

    private final Pinning pinning;

    /** The command over the node's pins. */
    @Activate
    public PinAddCommand(@Reference Pinning pinning) {
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        PinType type = request.flag("recursive", true) ? PinType.RECURSIVE : PinType.DIRECT;
        List<Cid> cids = Cids.arguments(request);
        for (Cid cid : cids) {
            try {
                pinning.pin(cid, type);
            } catch (NoSuchElementException e) {
                throw RpcException.notFound(e.getMessage());
            } catch (IllegalStateException e) {
                throw RpcException.client(e.getMessage());
            }
        }
        response.json(Map.of("Pins", cids.stream().map(Cid::toString).toList()));
    }
}
