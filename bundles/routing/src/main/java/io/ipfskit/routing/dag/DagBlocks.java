package io.ipfskit.routing.dag;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks DAGs held locally, breadth first, each block once (by multihash), roots first, reading links with the
 * registered {@link LinkWalker} of each block's codec; what it cannot read it reports and does not descend into.
 */
public final class DagBlocks {

    /** What a walk reports, in walk order. */
    public interface Visitor<E extends Exception> {

        /** A block held locally, reached for the first time. */
        void block(Cid cid) throws E;

        /** A block not held locally: not reported as a block, nothing below it walked. */
        void missing(Cid cid) throws E;

        /** A block already reported whose links cannot be read (why: no walker for its codec, or not valid in it). */
        void unwalkable(Cid cid, String why) throws E;
    }

    private final Map<Long, LinkWalker> walkers = new ConcurrentHashMap<>();

    /** A walker service arrived: blocks of its codec are walked. */
    public void add(LinkWalker walker) {
        walkers.put(walker.codec(), walker);
    }

    /** A walker service left. */
    public void remove(LinkWalker walker) {
        walkers.remove(walker.codec(), walker);
    }

    /** Walks every block of the DAGs under the roots. */
    public <E extends Exception> void walk(Collection<Cid> roots, Blockstore store, Visitor<E> visitor)
            throws IOException, E {
        Set<Multihash> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        for (Cid root : roots) {
            if (seen.add(root.multihash())) {
                pending.add(root);
            }
        }
        while (!pending.isEmpty()) {
            Cid cid = pending.poll();
            byte[] block = store.get(cid).orElse(null);
            if (block == null) {
                visitor.missing(cid);
                continue;
            }
            visitor.block(cid);
            LinkWalker walker = walkers.get(cid.codec());
            if (walker == null) {
                visitor.unwalkable(cid, "no link walker for codec 0x" + Long.toHexString(cid.codec()));
                continue;
            }
            List<Cid> links = new ArrayList<>();
            try {
                walker.links(block, links::add);
            } catch (IOException e) {
                visitor.unwalkable(cid, "not valid in its codec: " + e.getMessage());
                continue;
            }
            for (Cid link : links) {
                if (seen.add(link.multihash())) {
                    pending.add(link);
                }
            }
        }
    }
}
