package io.ipfskit.routing.blocks;

import io.ipfskit.api.exchange.BlockExchange;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.concurrent.Failures;
import io.ipfskit.routing.concurrent.Time;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One request's {@link BlockSession}. A block is read from the blockstore; on a miss, unless offline, it is wanted
 * through one {@link ExchangeSession} opened at the first miss. The request's timeout runs from the session's opening
 * and ends it (every want cancelled); so do more network bytes than {@code maxBytes}, and {@link #close()}. Prefetch
 * keeps at most {@value #PREFETCH_BLOCKS} blocks in flight and, estimated by the mean block size fetched so far
 * (256 KiB before the first), at most 8 MiB; a prefetched block lands in the blockstore (the exchange stores what it
 * returns), so the session holds no block bytes itself.
 */
final class NetworkBlockSession implements BlockSession {

    /** Most blocks prefetched at once. */
    static final int PREFETCH_BLOCKS = 32;
    /** Most bytes prefetched at once, estimated from the mean block size. */
    static final long PREFETCH_BYTES = 8L << 20;
    /** Block size assumed before one was fetched: kubo's default chunk size. */
    static final long ASSUMED_BLOCK_SIZE = 256 << 10;
    /** Most CIDs one prefetch call looks at (local ones are skipped, and cost a lookup each). */
    static final int PREFETCH_SCAN = 256;

    /** Why a session ended. */
    private enum End { CLOSED, TIMEOUT, LIMIT }

    /** What the session tells its service about the blocks it wants and gets. */
    interface Listener {

        /** The block is about to be wanted from the network, as part of the DAG read from {@code root}. */
        void wanting(Cid block, Cid root);

        /** The block arrived from the network (verified and stored by the exchange). */
        void fetched(Cid block);
    }

    private final Blockstore store;
    private final Supplier<BlockExchange> exchange;
    private final FetchOptions options;
    private final Time time;
    private final RetrievalStats stats;
    private final Listener listener;
    private final Consumer<NetworkBlockSession> onClose;
    private final Time.Scheduled deadline;
    private final CompletableFuture<End> ended = new CompletableFuture<>();
    private final Set<Fetch> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong fetchedBlocks = new AtomicLong();
    /** In-flight prefetches by CID; guarded by this. */
    private final Map<Cid, Fetch> window = new LinkedHashMap<>();
    private ExchangeSession session;
    private Cid root;
    private volatile End end;

    /** A session with these options (offline already folded in), on this time, counting into these stats. */
    NetworkBlockSession(Blockstore store, Supplier<BlockExchange> exchange, FetchOptions options, Time time,
            RetrievalStats stats, Listener listener, Consumer<NetworkBlockSession> onClose) {
        this.store = store;
        this.exchange = exchange;
        this.options = options;
        this.time = time;
        this.stats = stats;
        this.listener = listener;
        this.onClose = onClose;
        this.deadline = options.timeout().isZero() ? null : time.schedule(options.timeout(), () -> end(End.TIMEOUT));
    }

    @Override
    public byte[] get(Cid cid) throws IOException {
        throwIfEnded(cid);
        noteRoot(cid);
        Fetch fetch;
        synchronized (this) {
            fetch = window.remove(cid);
        }
        if (fetch == null) {
            Optional<byte[]> local = store.get(cid);
            if (local.isPresent()) {
                return local.get();
            }
            fetch = options.offline() ? null : start(cid, false);
            if (fetch == null) {
                stats.offlineMiss();
                throw new NoSuchFileException(cid.toString(), null, "block not found");
            }
        }
        return await(fetch);
    }

    @Override
    public void prefetch(List<Cid> cids) {
        if (options.offline() || end != null) {
            return;
        }
        int scanned = 0;
        for (Cid cid : cids) {
            if (++scanned > PREFETCH_SCAN) {
                return;
            }
            noteRoot(cid);
            synchronized (this) {
                if (window.containsKey(cid)) {
                    continue;
                }
                if (!roomForOneMore()) {
                    return;
                }
            }
            try {
                if (store.has(cid)) {
                    continue;
                }
                if (start(cid, true) == null) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public long bytesFetched() {
        return fetchedBytes.get();
    }

    @Override
    public void close() {
        end(End.CLOSED);
        onClose.accept(this);
    }

    private synchronized void noteRoot(Cid cid) {
        if (root == null) {
            root = cid;
        }
    }

    private boolean roomForOneMore() {
        long blocks = fetchedBlocks.get();
        long mean = blocks == 0 ? ASSUMED_BLOCK_SIZE : Math.max(1, fetchedBytes.get() / blocks);
        return window.size() < PREFETCH_BLOCKS && (window.size() + 1) * mean <= PREFETCH_BYTES;
    }

    /**
     * Wants the block from the exchange (its session opened at the first miss), or returns null when there is no
     * exchange or, for a prefetch, no room or it is already wanted.
     */
    private Fetch start(Cid cid, boolean prefetch) throws IOException {
        ExchangeSession wants = exchangeSession();
        Fetch fetch = new Fetch(cid, time.nanoTime(), prefetch);
        Cid dag;
        synchronized (this) {
            throwIfEnded(cid);
            if (wants == null || prefetch && (window.containsKey(cid) || !roomForOneMore())) {
                return null;
            }
            dag = root;
            if (prefetch) {
                window.put(cid, fetch);
            }
            inFlight.add(fetch);
        }
        listener.wanting(cid, dag);
        stats.miss();
        CompletableFuture<byte[]> want;
        try {
            want = wants.get(cid);
        } catch (RuntimeException e) {
            want = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<byte[]> wanted = want;
        wanted.whenComplete((data, failure) -> landed(fetch, data, failure));
        fetch.result.whenComplete((data, failure) -> {
            if (fetch.result.isCancelled()) {
                wanted.cancel(true);
            }
        });
        return fetch;
    }

    /**
     * The exchange session, opened at first use outside this session's lock (the exchange has locks of its own); null
     * without an exchange, or once the session ended.
     */
    private ExchangeSession exchangeSession() {
        synchronized (this) {
            if (session != null || end != null) {
                return session;
            }
        }
        BlockExchange current = exchange.get();
        if (current == null) {
            return null;
        }
        ExchangeSession opened = current.newSession();
        synchronized (this) {
            if (session == null && end == null) {
                session = opened;
                return opened;
            }
        }
        opened.close();
        synchronized (this) {
            return session;
        }
    }

    /** Counts the outcome and the bytes (ending the session past the limit), then completes the fetch's future. */
    private void landed(Fetch fetch, byte[] data, Throwable failure) {
        inFlight.remove(fetch);
        if (fetch.prefetch) {
            synchronized (this) {
                window.remove(fetch.cid, fetch);
            }
        }
        if (failure == null) {
            if (fetch.count()) {
                stats.handled(time.nanoTime() - fetch.startNanos, data.length);
                fetchedBlocks.incrementAndGet();
                long total = fetchedBytes.addAndGet(data.length);
                listener.fetched(fetch.cid);
                if (total > options.maxBytes()) {
                    end(End.LIMIT);
                }
            }
            fetch.result.complete(data);
            return;
        }
        if (fetch.count()) {
            End reason = end;
            boolean unneeded = reason == End.CLOSED || (reason != null && !fetch.awaited);
            if (unneeded && Failures.cause(failure) instanceof CancellationException) {
                stats.cancelled();
            } else {
                stats.failed();
            }
        }
        fetch.result.completeExceptionally(failure);
    }

    private byte[] await(Fetch fetch) throws IOException {
        fetch.awaited = true;
        try {
            CompletableFuture.anyOf(fetch.result, ended).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fetch.result.cancel(true);
            throw new InterruptedIOException("interrupted while retrieving " + fetch.cid);
        } catch (ExecutionException e) {
            // the fetch failed: reported below
        }
        if (fetch.result.isDone() && !fetch.result.isCompletedExceptionally() && end != End.LIMIT) {
            return fetch.result.join();
        }
        throwIfEnded(fetch.cid);
        Throwable cause;
        try {
            fetch.result.join();
            cause = new IllegalStateException("no result");
        } catch (CompletionException | CancellationException e) {
            cause = Failures.cause(e);
        }
        throw new IOException("cannot retrieve " + fetch.cid + ": " + cause.getMessage(), cause);
    }

    private void throwIfEnded(Cid cid) throws IOException {
        End reason = end;
        if (reason == null) {
            return;
        }
        switch (reason) {
            case CLOSED -> throw new IOException("cannot retrieve " + cid + ": the request's block session is closed");
            case TIMEOUT -> throw new InterruptedIOException("timed out retrieving " + cid
                    + ": the request's timeout of " + format(options.timeout()) + " passed");
            case LIMIT -> throw new IOException("cannot retrieve " + cid + ": the request fetched " + fetchedBytes.get()
                    + " bytes from the network, more than its limit of " + options.maxBytes() + " bytes");
        }
    }

    /** Ends the session once: every want cancelled, the exchange session closed, waiting readers woken. */
    private void end(End reason) {
        ExchangeSession wants;
        synchronized (this) {
            if (end != null) {
                return;
            }
            end = reason;
            wants = session;
            window.clear();
        }
        if (deadline != null) {
            deadline.cancel();
        }
        ended.complete(reason);
        inFlight.forEach(fetch -> fetch.result.cancel(true));
        if (wants != null) {
            wants.close();
        }
    }

    /** A duration as Go (and kubo's timeout option) writes it: 30s, 1m30s, 1h0m0s, 250ms. */
    static String format(Duration duration) {
        if (duration.toMillis() % 1000 != 0 || duration.toSeconds() == 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        return seconds / 3600 + "h" + seconds % 3600 / 60 + "m" + seconds % 60 + "s";
    }
}
