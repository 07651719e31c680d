package io.ipfskit.protocol.bitswap.server;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.MessageCodec;
import io.ipfskit.protocol.bitswap.message.Presence;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.message.WireBlock;
import io.ipfskit.protocol.bitswap.net.PeerLink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The server's decision engine, as boxo's: a ledger per peer, answers queued per peer by priority, and a scheduler fair
 * across peers (the ready peer with the fewest pending bytes goes first). An answer aims at 16 KiB; answers to one peer
 * are built one at a time, in order, and read ahead of its stream by at most {@link #PEER_BYTES_IN_FLIGHT} (boxo's
 * MaxOutstandingBytesPerPeer), so the next answer is ready while the previous one is written and each peer is served as
 * fast as it reads. Blockstore reads happen on the worker pool; at most {@link ServerLimits#concurrency()} answers are
 * built at once, and once {@link ServerLimits#maxBytesInFlight()} bytes of answers wait for their streams only answers
 * of at most the target size start (so small answers never wait behind large ones).
 */
public final class Engine {

    /** A want-have for a block up to this size is answered with the block (boxo's WantHaveReplaceSize). */
    public static final int SMALL_BLOCK = 1024;
    /** The most block bytes in one answer, leaving room for presences and framing within the message limit. */
    static final int MAX_ANSWER_BYTES = MessageCodec.MAX_MESSAGE - 256 * 1024;
    /** Answer bytes read ahead of one peer's stream: a further answer starts only below this. */
    static final long PEER_BYTES_IN_FLIGHT = 1 << 20;

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private record Batch(Ledger ledger, List<Task> tasks, long size) {
    }

    private final Blockstore store;
    private final ServerLimits limits;
    private final Executor workers;
    private final Function<PeerId, PeerLink> links;
    private final Map<PeerId, Ledger> ledgers = new HashMap<>();
    private final AtomicLong blocksSent = new AtomicLong();
    private final AtomicLong dataSent = new AtomicLong();
    private long seq;
    private int building;
    private long bytesInFlight;
    private long mostBytesInFlight;

    /** An engine answering from {@code store}, sending through {@code links} (null for a peer no longer connected). */
    public Engine(Blockstore store, ServerLimits limits, Executor workers, Function<PeerId, PeerLink> links) {
        this.store = store;
        this.limits = limits;
        this.workers = workers;
        this.links = links;
    }

    /**
     * Applies a peer's want-list (cancels, new wants, or a full replacement) and queues the answers; returns false when
     * the peer now holds more than {@link ServerLimits#maxWantlistEntries()} wants: the caller cuts it off.
     */
    public boolean wantlist(PeerId peer, List<WantEntry> entries, boolean full) {
        Ledger ledger;
        List<WantEntry> fresh = new ArrayList<>();
        synchronized (this) {
            ledger = ledgers.computeIfAbsent(peer, Ledger::new);
            if (full) {
                Set<Cid> kept = new HashSet<>();
                entries.stream().filter(e -> !e.cancel()).forEach(e -> kept.add(e.cid()));
                for (Cid cid : List.copyOf(ledger.wants.keySet())) {
                    if (!kept.contains(cid)) {
                        forget(ledger, cid);
                    }
                }
            }
            for (WantEntry e : entries) {
                if (e.cancel()) {
                    forget(ledger, e.cid());
                } else {
                    ledger.wants.put(e.cid(), e);
                    fresh.add(e);
                }
                if (ledger.wants.size() > limits.maxWantlistEntries()) {
                    return false;
                }
            }
        }
        Map<WantEntry, Task> tasks = new LinkedHashMap<>();
        for (WantEntry e : fresh) {
            Task task = answer(e, size(e.cid()));
            if (task != null) {
                tasks.put(e, task);
            }
        }
        synchronized (this) {
            if (ledgers.get(peer) == ledger) {
                // only for wants still standing as they were: one cancelled or replaced meanwhile has its own answer
                tasks.forEach((e, task) -> {
                    if (e.equals(ledger.wants.get(e.cid()))) {
                        ledger.tasks.put(task);
                    }
                });
            }
        }
        pump();
        return true;
    }

    /** A block was stored here: peers that wanted it get it (or a HAVE). */
    public void blockAdded(Cid cid, int size) {
        synchronized (this) {
            for (Ledger ledger : ledgers.values()) {
                WantEntry want = ledger.wants.get(cid);
                if (want != null) {
                    ledger.tasks.put(answer(want, OptionalInt.of(size)));
                }
            }
        }
        pump();
    }

    /** Counts block bytes the peer sent us in its ledger. */
    public synchronized void received(PeerId peer, int bytes) {
        Ledger ledger = ledgers.computeIfAbsent(peer, Ledger::new);
        ledger.bytesReceived += bytes;
        ledger.exchanged++;
    }

    /** The peer went away: its ledger and its queued answers are dropped. */
    public synchronized void peerGone(PeerId peer) {
        ledgers.remove(peer);
    }

    /** A copy of the peer's ledger, if it has one. */
    public synchronized Optional<LedgerView> ledger(PeerId peer) {
        return Optional.ofNullable(ledgers.get(peer)).map(Ledger::view);
    }

    /** Blocks sent so far. */
    public long blocksSent() {
        return blocksSent.get();
    }

    /** Block bytes sent so far. */
    public long dataSent() {
        return dataSent.get();
    }

    /** The most bytes of answers ever waiting for their streams at once (for tests and metrics). */
    public synchronized long mostBytesInFlight() {
        return mostBytesInFlight;
    }

    /**
     * The want a task answers leaves the ledger: a block answers any want, a HAVE only a want-have (a want-block that
     * replaced it while the HAVE waited still wants the block); a DONT_HAVE leaves the want for a block stored later.
     */
    private static void answered(Ledger ledger, Task task) {
        WantEntry want = ledger.wants.get(task.cid());
        if (task.kind() == Task.Kind.BLOCK || task.kind() == Task.Kind.HAVE && want != null && want.type() == WantType.HAVE) {
            ledger.wants.remove(task.cid());
        }
    }

    private void forget(Ledger ledger, Cid cid) {
        ledger.wants.remove(cid);
        ledger.tasks.remove(cid);
    }

    private OptionalInt size(Cid cid) {
        try {
            return store.size(cid);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot look up {0}: {1}", cid, e.toString());
            return OptionalInt.empty();
        }
    }

    /** The answer to a want given the block's size here (empty: not held); null when nothing is to be said. */
    private synchronized Task answer(WantEntry want, OptionalInt size) {
        long order = seq++;
        if (size.isPresent()) {
            boolean block = want.type() == WantType.BLOCK || size.getAsInt() <= SMALL_BLOCK;
            return block ? new Task(want.cid(), Task.Kind.BLOCK, want.priority(), size.getAsInt(), want.sendDontHave(), order)
                    : new Task(want.cid(), Task.Kind.HAVE, want.priority(), Task.presenceSize(want.cid()), false, order);
        }
        return want.sendDontHave()
                ? new Task(want.cid(), Task.Kind.DONT_HAVE, want.priority(), Task.presenceSize(want.cid()), false, order)
                : null;
    }

    /** Starts building answers for the ready peers with the fewest pending bytes while the bounds allow. */
    private void pump() {
        List<Batch> batches = new ArrayList<>();
        synchronized (this) {
            while (building < limits.concurrency()) {
                boolean budget = bytesInFlight < limits.maxBytesInFlight();
                Ledger next = null;
                for (Ledger ledger : ledgers.values()) {
                    if (!ledger.building && ledger.inFlight < PEER_BYTES_IN_FLIGHT && !ledger.tasks.isEmpty()
                            && (budget || ledger.tasks.firstSize() <= limits.targetMessageBytes())
                            && (next == null || ledger.tasks.pendingBytes() < next.tasks.pendingBytes())) {
                        next = ledger;
                    }
                }
                if (next == null) {
                    break;
                }
                int most = budget ? MAX_ANSWER_BYTES : limits.targetMessageBytes();
                List<Task> tasks = next.tasks.pop(limits.targetMessageBytes(), most);
                long size = 0;
                for (Task task : tasks) {
                    size += task.size();
                    answered(next, task);
                }
                next.building = true;
                next.inFlight += size;
                building++;
                bytesInFlight += size;
                mostBytesInFlight = Math.max(mostBytesInFlight, bytesInFlight);
                batches.add(new Batch(next, tasks, size));
            }
        }
        for (Batch batch : batches) {
            try {
                workers.execute(() -> build(batch));
            } catch (RejectedExecutionException e) {
                built(batch);
                written(batch, 0, 0);
            }
        }
    }

    /** Reads the blocks of a batch and sends its answer (on a worker). */
    private void build(Batch batch) {
        List<WireBlock> blocks = new ArrayList<>();
        List<Presence> presences = new ArrayList<>();
        long blockBytes = 0;
        for (Task task : batch.tasks()) {
            switch (task.kind()) {
                case BLOCK -> {
                    byte[] data = read(task.cid());
                    if (data != null) {
                        blocks.add(WireBlock.of(task.cid(), data));
                        blockBytes += data.length;
                    } else if (task.sendDontHave()) {
                        presences.add(new Presence(task.cid(), false));
                    }
                }
                case HAVE -> presences.add(new Presence(task.cid(), true));
                case DONT_HAVE -> presences.add(new Presence(task.cid(), false));
            }
        }
        int pending;
        synchronized (this) {
            pending = (int) Math.min(Integer.MAX_VALUE, batch.ledger().tasks.pendingBytes());
        }
        PeerLink link = blocks.isEmpty() && presences.isEmpty() ? null : links.apply(batch.ledger().peer);
        if (link == null) {
            built(batch);
            written(batch, 0, 0);
            return;
        }
        int count = blocks.size();
        long bytes = blockBytes;
        CompletableFuture<Void> sent = link.send(BitswapMessage.response(blocks, presences, pending));
        built(batch);
        sent.whenComplete((v, error) -> written(batch, error == null ? count : 0, error == null ? bytes : 0));
    }

    private byte[] read(Cid cid) {
        try {
            return store.get(cid).orElse(null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read {0}: {1}", cid, e.toString());
            return null;
        }
    }

    /** The batch's answer is queued at the link (or dropped): the peer's next answer may be built. */
    private void built(Batch batch) {
        synchronized (this) {
            building--;
            batch.ledger().building = false;
        }
        pump();
    }

    /** The batch's answer was handed to the stream (or failed, or was dropped): its bytes leave the bounds. */
    private void written(Batch batch, int blocks, long bytes) {
        synchronized (this) {
            batch.ledger().inFlight -= batch.size();
            batch.ledger().bytesSent += bytes;
            batch.ledger().exchanged += blocks;
            bytesInFlight -= batch.size();
        }
        blocksSent.addAndGet(blocks);
        dataSent.addAndGet(bytes);
        pump();
    }
}
