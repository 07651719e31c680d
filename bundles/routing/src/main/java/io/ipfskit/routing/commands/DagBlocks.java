package io.ipfskit.routing.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks of DAGs held locally, each once, roots first (kubo's {@code routing provide -r}): links are read with the
 * {@link LinkWalker} of each block's codec; a block missing locally, or of a codec no walker reads, is an error.
 */
final class DagBlocks {

    private DagBlocks() {
    }

    /** Every block of the DAGs under the roots, walked breadth first. */
    static List<Cid> of(List<Cid> roots, Blockstore store, Map<Long, LinkWalker> walkers)
            throws RpcException, IOException {
        Set<Cid> seen = new LinkedHashSet<>(roots);
        Deque<Cid> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Cid cid = pending.poll();
            byte[] block = store.get(cid).orElseThrow(() -> new RpcException(RpcException.Kind.NORMAL,
                    "block " + cid + " not found locally, cannot provide"));
            LinkWalker walker = walkers.get(cid.codec());
            if (walker == null) {
                throw new RpcException(RpcException.Kind.NORMAL, "cannot walk " + cid + ": no link walker for codec 0x"
                        + Long.toHexString(cid.codec()));
            }
            walker.links(block, link -> {
                if (seen.add(link)) {
                    pending.add(link);
                }
            });
        }
        return new ArrayList<>(seen);
    }
}
