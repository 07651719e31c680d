package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code pin/rm}: removes pins (of any CID of the root's multihash); one not pinned as a root is a client error, as kubo answers. */
@Component(property = RpcCommand.NAME + "=pin/rm")
public final class PinRmCommand implements RpcCommand {

    private final Pinning pinning;

    /** The command over the node's pins. */
    @Activate
    public PinRmCommand(@Reference Pinning pinning) {
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        List<Cid> cids = Cids.arguments(request);
        for (Cid cid : cids) {
            Optional<Pinned> pinned = pinning.pinned(cid);
            if (pinned.isEmpty()) {
                throw RpcException.client(cid + " is not pinned or pinned indirectly");
            }
            if (pinned.get().type() == PinType.INDIRECT) {
                throw RpcException.client(cid + " is pinned indirectly under " + pinned.get().via());
            }
        }
        for (Cid cid : cids) {
            pinning.unpin(cid);
        }
        response.json(Map.of("Pins", cids.stream().map(Cid::toString).toList()));
    }
}
