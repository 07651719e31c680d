package io.ipfskit.protocol.bitswap.server;

import io.ipfskit.multiformats.Cid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The answers owed to one peer, highest priority first (then oldest), at most one per CID (a block beats a presence). */
final class PeerTasks {

    private static final Comparator<Task> ORDER = Comparator.comparingInt(Task::priority).reversed()
            .thenComparingLong(Task::seq);

    private final TreeSet<Task> order = new TreeSet<>(ORDER);
    private final Map<Cid, Task> byCid = new HashMap<>();
    private long pendingBytes;

    /** Adds the task, unless a block is already owed for its CID and this is a presence. */
    void put(Task task) {
        Task existing = byCid.get(task.cid());
        if (existing != null) {
            if (existing.kind() == Task.Kind.BLOCK && task.kind() != Task.Kind.BLOCK) {
                return;
            }
            remove(task.cid());
        }
        order.add(task);
        byCid.put(task.cid(), task);
        pendingBytes += task.size();
    }

    /** Drops whatever is owed for the CID. */
    void remove(Cid cid) {
        Task task = byCid.remove(cid);
        if (task != null) {
            order.remove(task);
            pendingBytes -= task.size();
        }
    }

    /**
     * Takes the next answer's tasks: the first one always, then more while the total is under {@code target} and stays
     * within {@code max}.
     */
    List<Task> pop(int target, int max) {
        List<Task> out = new ArrayList<>();
        long total = 0;
        while (!order.isEmpty()) {
            Task next = order.first();
            if (!out.isEmpty() && (total >= target || total + next.size() > max)) {
                break;
            }
            remove(next.cid());
            out.add(next);
            total += next.size();
        }
        return out;
    }

    /** The size of the task {@link #pop} would take first; 0 when there is none. */
    int firstSize() {
        return order.isEmpty() ? 0 : order.first().size();
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    long pendingBytes() {
        return pendingBytes;
    }
}
