package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.multiformats.Cid;
import java.util.ArrayList;
import java.util.List;

/** The CID arguments of a pin command ({@code /ipfs/} prefixes accepted), at least one, as client errors when bad. */
final class Cids {

    private Cids() {
    }

    static List<Cid> arguments(RpcRequest request) throws RpcException {
        request.argument(0, "cid");
        List<Cid> cids = new ArrayList<>();
        for (String argument : request.arguments()) {
            String bare = argument.startsWith("/ipfs/") ? argument.substring(6) : argument;
            try {
                cids.add(Cid.parse(bare));
            } catch (IllegalArgumentException e) {
                throw RpcException.client("invalid CID \"" + argument + "\": " + e.getMessage());
            }
        }
        return cids;
    }
}
