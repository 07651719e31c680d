package io.ipfskit.unixfs.internal;

import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * kubo's trickle layout: a node takes up to {@link ImportOptions#MAX_LINKS} leaves (UnixFS Raw type, as kubo), then
 * {@link #LAYER_REPEAT} subtrees of each depth 1, 2, ... below its own depth limit; the root has no depth limit.
 */
public final class Trickle {

    /** Subtrees of one depth added to a node before the next depth (kubo's depthRepeat). */
    public static final int LAYER_REPEAT = 4;

    private Trickle() {
    }

    /** Builds the DAG of all chunks and returns its root, always a file node (also for a single chunk). */
    public static Imported build(Chunks chunks, Nodes nodes) throws IOException {
        return fill(new Leaves(chunks, nodes, UnixfsData.Type.RAW), nodes, -1);
    }

    private static Imported fill(Leaves leaves, Nodes nodes, int maxDepth) throws IOException {
        List<Imported> children = new ArrayList<>();
        while (children.size() < ImportOptions.MAX_LINKS && !leaves.done()) {
            children.add(leaves.next());
        }
        for (int depth = 1; (maxDepth == -1 || depth < maxDepth) && !leaves.done(); depth++) {
            for (int repeat = 0; repeat < LAYER_REPEAT && !leaves.done(); repeat++) {
                children.add(fill(leaves, nodes, depth));
            }
        }
        return nodes.file(children);
    }
}
