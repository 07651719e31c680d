package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * RPC {@code block/rm}: removes blocks, streaming {@code {"Hash"}} per argument, with {@code "Error"} only when it failed
 * (kubo's omitempty: kubo-rpc-client takes any {@code Error} field, even empty, as a failure); pinned roots are refused.
 */
@Component(property = RpcCommand.NAME + "=block/rm")
public final class BlockRmCommand implements RpcCommand {

    private final Blockstore blockstore;

    /** The command over the node's blockstore. */
    @Activate
    public BlockRmCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        request.argument(0, "cid");
        boolean force = request.flag("force", false);
        List<Cid> cids = new ArrayList<>();
        for (String argument : request.arguments()) {
            cids.add(Args.cid(argument));
        }
        RpcResponse.JsonStream out = response.jsonStream();
        for (Cid cid : cids) {
            String error = "";
            try {
                if (!blockstore.delete(cid) && !force) {
                    error = "block not found: " + cid;
                }
            } catch (IllegalStateException e) {
                error = e.getMessage();
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("Hash", cid.toString());
            if (!error.isEmpty()) {
                reply.put("Error", error);
            }
            out.send(reply);
        }
    }
}
