package io.ipfskit.storage.tiered;

import io.ipfskit.api.storage.BlockReader;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Walks DAGs of every codec a {@link LinkWalker} service is registered for: each block once (by multihash), depth
 * first. A block of a codec nobody can walk is an IOException, never silently a leaf, so GC cannot miss what it
 * links to; identity-hashed CIDs carry their bytes inline and are walked without a read.
 */
final class DagWalker {

    /** Visits a block; returns false to stop descending below it. */
    interface Visitor {
        boolean visit(Cid cid, byte[] block) throws IOException;
    }

    private final Map<Long, LinkWalker> walkers = new ConcurrentHashMap<>();

    /** A walker service arrived: its codec can be walked. */
    void add(LinkWalker walker) {
        walkers.put(walker.codec(), walker);
    }

    /** A walker service left. */
    void remove(LinkWalker walker) {
        walkers.remove(walker.codec(), walker);
    }

    /**
     * Visits every block under {@code root} once; an absent block fails with NoSuchElementException when
     * {@code strict}, else is reported to {@code missing} and skipped.
     */
    void walk(Cid root, BlockReader reader, Visitor visitor, boolean strict, Consumer<Cid> missing) throws IOException {
        Set<Multihash> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            if (!seen.add(cid.multihash())) {
                continue;
            }
            Optional<byte[]> block = cid.multihash().code() == Multicodec.IDENTITY
                    ? Optional.of(cid.multihash().digest()) : reader.read(cid);
            if (block.isEmpty()) {
                if (strict) {
                    throw new NoSuchElementException("block not found: " + cid);
                }
                missing.accept(cid);
                continue;
            }
            if (visitor.visit(cid, block.get())) {
                Deque<Cid> children = new ArrayDeque<>();
                walker(cid).links(block.get(), children::push);
                children.forEach(pending::push);
            }
        }
    }

    private LinkWalker walker(Cid cid) throws IOException {
        LinkWalker walker = walkers.get(cid.codec());
        if (walker == null) {
            throw new IOException("no link walker for codec " + Multicodec.name(cid.codec()) + " of " + cid
                    + ": start a bundle that provides one");
        }
        return walker;
    }
}
