package io.ipfskit.routing.manager;

import io.ipfskit.multiformats.Cid;
import java.util.ArrayList;
import java.util.List;

/** Blocks of pinned DAGs a reprovide could not find or could not walk below: counted, the first few named. */
final class UnwalkedBlocks {

    /** Blocks named per kind in {@link #summary()}. */
    static final int NAMED = 3;

    private long missing;
    private long unwalkable;
    private final List<String> missingNamed = new ArrayList<>();
    private final List<String> unwalkableNamed = new ArrayList<>();

    /** A block a pin reaches that the blockstore lacks (not announced). */
    void missing(Cid cid) {
        missing++;
        if (missingNamed.size() < NAMED) {
            missingNamed.add(cid.toString());
        }
    }

    /** A block announced whose links could not be read, and why. */
    void unwalkable(Cid cid, String why) {
        unwalkable++;
        if (unwalkableNamed.size() < NAMED) {
            unwalkableNamed.add(cid + " (" + why + ")");
        }
    }

    /** Whether every block was found and walked. */
    boolean none() {
        return missing == 0 && unwalkable == 0;
    }

    /** E.g. {@code not walked below 1 block: CID (no link walker for codec 0x300001); 2 blocks missing: CID, CID}. */
    String summary() {
        List<String> parts = new ArrayList<>();
        if (unwalkable > 0) {
            parts.add("not walked below " + blocks(unwalkable) + ": " + named(unwalkableNamed, unwalkable));
        }
        if (missing > 0) {
            parts.add(blocks(missing) + " missing: " + named(missingNamed, missing));
        }
        return String.join("; ", parts);
    }

    private static String blocks(long count) {
        return count + (count == 1 ? " block" : " blocks");
    }

    private static String named(List<String> named, long count) {
        return String.join(", ", named) + (count > named.size() ? ", …" : "");
    }
}
