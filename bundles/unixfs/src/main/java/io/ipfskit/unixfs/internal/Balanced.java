package io.ipfskit.unixfs.internal;

import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * kubo's balanced layout built bottom-up while streaming: every level collects links and emits a parent when it
 * holds {@link ImportOptions#MAX_LINKS}; at the end partial levels are closed upwards. A single chunk is its own root.
 */
public final class Balanced {

    private Balanced() {
    }

    /** Builds the DAG of all chunks and returns its root; holds at most one pending node list per level. */
    public static Imported build(Chunks chunks, Nodes nodes) throws IOException {
        if (chunks.done()) {
            return nodes.leaf(new byte[0], UnixfsData.Type.FILE);
        }
        List<List<Imported>> levels = new ArrayList<>();
        Leaves leaves = new Leaves(chunks, nodes, UnixfsData.Type.FILE);
        while (!leaves.done()) {
            add(levels, 0, leaves.next(), nodes);
        }
        for (int level = 0;; level++) {
            List<Imported> pending = levels.get(level);
            boolean top = level == levels.size() - 1;
            if (top && pending.size() == 1) {
                return pending.get(0);
            }
            if (!pending.isEmpty()) {
                Imported parent = nodes.file(pending);
                pending.clear();
                add(levels, level + 1, parent, nodes);
            }
        }
    }

    private static void add(List<List<Imported>> levels, int level, Imported node, Nodes nodes) throws IOException {
        if (levels.size() == level) {
            levels.add(new ArrayList<>(ImportOptions.MAX_LINKS));
        }
        List<Imported> pending = levels.get(level);
        pending.add(node);
        if (pending.size() == ImportOptions.MAX_LINKS) {
            Imported parent = nodes.file(pending);
            pending.clear();
            add(levels, level + 1, parent, nodes);
        }
    }
}
