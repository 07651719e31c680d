package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.StorageTier;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.storage.tiered.TieredBlockstore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * RPC {@code repo/verify}: reads every block of the durable tiers back and checks it against its hash, then checks
 * that every pinned DAG is complete in the durable tiers, streaming kubo's {@code {"Msg":..., "Progress":N}} lines;
 * each problem is named (a corrupt block is dropped by its tier) and the command fails.
 */
@Component(property = RpcCommand.NAME + "=repo/verify")
public final class RepoVerifyCommand implements RpcCommand {

    private final TieredBlockstore store;

    /** The command over the tiered blockstore. */
    @Activate
    public RepoVerifyCommand(@Reference TieredBlockstore store) {
        this.store = store;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        RpcResponse.JsonStream out = response.jsonStream();
        long checked = 0;
        List<String> problems = new ArrayList<>();
        List<StorageTier> durable = store.durableTiers();
        if (durable.isEmpty()) {
            problems.add("no durable storage tier is running");
        }
        for (StorageTier tier : durable) {
            List<Multihash> keys = new ArrayList<>();
            tier.forEach(keys::add);
            for (Multihash key : keys) {
                Cid cid = Cid.v1(Multicodec.RAW, key);
                if (tier.get(cid).isEmpty()) {
                    report(out, problems, "block " + cid + " in " + tier.name() + " was corrupt", checked);
                }
                checked++;
                out.send(Map.of("Msg", "", "Progress", checked));
            }
        }
        if (!durable.isEmpty()) {
            for (String problem : store.verifyPins()) {
                report(out, problems, problem, checked);
            }
        }
        if (!problems.isEmpty()) {
            throw new RpcException(RpcException.Kind.NORMAL, "verify complete, " + problems.size()
                    + " problem(s): " + problems.get(0) + (problems.size() > 1 ? ", ..." : ""));
        }
        out.send(Map.of("Msg", "verify complete, all blocks validated.", "Progress", checked));
    }

    private static void report(RpcResponse.JsonStream out, List<String> problems, String problem, long checked)
            throws IOException {
        problems.add(problem);
        out.send(Map.of("Msg", problem, "Progress", checked));
    }
}
