package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * RPC {@code repo/verify}: reads every block of the durable tiers back and checks it against its hash, streaming
 * kubo's {@code {"Msg":..., "Progress":N}} lines; a corrupt block is named (the tier drops it) and the command fails.
 */
@Component(property = RpcCommand.NAME + "=repo/verify")
public final class RepoVerifyCommand implements RpcCommand {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + StorageTier.DURABLE + "=true)")
    private volatile List<StorageTier> durable;

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        RpcResponse.JsonStream out = response.jsonStream();
        long checked = 0;
        List<String> corrupt = new ArrayList<>();
        for (StorageTier tier : durable) {
            List<Multihash> keys = new ArrayList<>();
            tier.forEach(keys::add);
            for (Multihash key : keys) {
                Cid cid = Cid.v1(Multicodec.RAW, key);
                if (tier.get(cid).isEmpty()) {
                    String message = "block " + cid + " in " + tier.name() + " was corrupt";
                    corrupt.add(message);
                    out.send(Map.of("Msg", message, "Progress", checked));
                }
                checked++;
                out.send(Map.of("Msg", "", "Progress", checked));
            }
        }
        if (!corrupt.isEmpty()) {
            throw new RpcException(RpcException.Kind.NORMAL, "verify complete, some blocks were corrupt");
        }
        out.send(Map.of("Msg", "verify complete, all blocks validated.", "Progress", checked));
    }
}
