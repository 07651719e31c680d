package io.ipfskit.routing.manager;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.routing.concurrent.Time;
import io.ipfskit.routing.dag.DagBlocks;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Re-announces what its {@link ReprovideStrategy} names (kubo's default, "all": every block the node stores) through
 * the routers that announce: first after an initial delay, then every interval (kubo: 22 h) from the start of the
 * previous run, and on demand. One run at a time, at most {@code concurrency} announcements in flight; a run with
 * nothing to announce through is a no-op that says why in {@link #report()}, and a block of a pinned DAG that is
 * missing or cannot be walked is named in the run's result while the run goes on.
 */
final class Reprovider {

    private static final System.Logger LOG = System.getLogger(Reprovider.class.getName());

    /** Where a run announces. */
    interface Target {

        /** Why a run would announce nothing now (offline, no router announces), or null when it can run. */
        String idleReason();

        /** Announces one block through every router that announces. */
        CompletionStage<Void> announce(Cid cid);
    }

    private final Time time;
    private final Executor worker;
    private final Duration interval;
    private final Duration initialDelay;
    private final int concurrency;
    private final ReprovideStrategy strategy;
    private final Supplier<Blockstore> store;
    private final Supplier<Pinning> pins;
    private final DagBlocks dags;
    private final Target target;
    private final AtomicLong totalAnnounced = new AtomicLong();
    private CompletableFuture<Void> current;
    private Time.Scheduled next;
    private Instant nextRun;
    private Instant lastStart;
    private Instant lastEnd;
    private String lastResult = "not run yet";
    private long runs;
    private volatile boolean stopped;

    /** Reprovides what the strategy of the settings names, read from the store and the pins when there are some. */
    Reprovider(Time time, Executor worker, RoutingSettings settings, Supplier<Blockstore> store,
            Supplier<Pinning> pins, DagBlocks dags, Target target) {
        this.interval = settings.reprovideInterval();
        this.initialDelay = settings.reprovideInitialDelay();
        this.concurrency = settings.reprovideConcurrency();
        if (concurrency < 1 || interval.isNegative() || initialDelay.isNegative()) {
            throw new IllegalArgumentException("concurrency must be positive, durations not negative");
        }
        this.time = time;
        this.worker = worker;
        this.strategy = settings.reprovideStrategy();
        this.store = store;
        this.pins = pins;
        this.dags = dags;
        this.target = target;
    }

    /** Schedules the first run (none when the interval is zero: runs only on demand). */
    synchronized void start() {
        if (!interval.isZero()) {
            scheduleAfter(initialDelay);
        }
    }

    /** Cancels the next run and stops the running one after the announcements in flight. */
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    /** Starts a run now, or returns the one running; the future completes when the run ends. */
    synchronized CompletableFuture<Void> runNow() {
        if (current != null && !current.isDone()) {
            return current;
        }
        CompletableFuture<Void> run = new CompletableFuture<>();
        current = run;
        runs++;
        lastStart = time.now();
        lastResult = "running";
        worker.execute(() -> run(run));
        return run;
    }

    private void tick() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            scheduleAfter(interval);
        }
        runNow();
    }

    private void scheduleAfter(Duration delay) {
        nextRun = time.now().plus(delay);
        next = time.schedule(delay, this::tick);
    }

    private void run(CompletableFuture<Void> run) {
        String result;
        try {
            result = announceAll();
        } catch (IOException | RuntimeException e) {
            result = "failed: " + e.getMessage();
            finish(result);
            run.completeExceptionally(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = "interrupted";
        }
        finish(result);
        run.complete(null);
    }

    private synchronized void finish(String result) {
        lastEnd = time.now();
        lastResult = result;
    }

    private String announceAll() throws IOException, InterruptedException {
        String idle = target.idleReason();
        if (idle != null) {
            return "no-op: " + idle;
        }
        Blockstore blocks = store.get();
        if (blocks == null) {
            return "no-op: no blockstore";
        }
        Pinning pinning = pins.get();
        if (strategy != ReprovideStrategy.ALL && pinning == null) {
            return "no-op: no pinning service (strategy " + strategy.value() + ")";
        }
        Announcements run = new Announcements();
        UnwalkedBlocks unwalked = new UnwalkedBlocks();
        try {
            switch (strategy) {
                case ALL -> blocks.forEach(multihash -> run.announce(Cid.v1(Multicodec.RAW, multihash)));
                case ROOTS -> pinning.pins().keySet().forEach(run::announce);
                case PINNED -> announcePinned(pinning.pins(), blocks, run, unwalked);
            }
        } finally {
            run.awaitInFlight();
        }
        run.throwIfInterrupted();
        totalAnnounced.addAndGet(run.announced.get());
        if (!unwalked.none()) {
            LOG.log(System.Logger.Level.WARNING, "reprovide of pinned DAGs: {0}", unwalked.summary());
        }
        return (stopped ? "stopped after announcing " : "announced ") + run.announced.get() + " blocks"
                + (run.failed.get() > 0 ? ", " + run.failed.get() + " failed" : "")
                + (unwalked.none() ? "" : "; " + unwalked.summary());
    }

    /** Every pin root (direct and recursive) first, then the rest of what recursive pins reach; each block once. */
    private void announcePinned(Map<Cid, PinType> pinned, Blockstore blocks, Announcements run,
            UnwalkedBlocks unwalked) throws IOException {
        Set<Multihash> roots = new HashSet<>();
        List<Cid> recursive = new ArrayList<>();
        pinned.forEach((root, type) -> {
            if (roots.add(root.multihash())) {
                run.announce(root);
            }
            if (type == PinType.RECURSIVE) {
                recursive.add(root);
            }
        });
        try {
            dags.walk(recursive, blocks, new DagBlocks.Visitor<Halted>() {
                @Override
                public void block(Cid cid) throws Halted {
                    if (!roots.contains(cid.multihash()) && !run.announce(cid)) {
                        throw new Halted();
                    }
                }

                @Override
                public void missing(Cid cid) {
                    unwalked.missing(cid);
                }

                @Override
                public void unwalkable(Cid cid, String why) {
                    unwalked.unwalkable(cid, why);
                }
            });
        } catch (Halted e) {
            // stopped or interrupted: the run ends with what it announced
        }
    }

    /** The walk of pinned DAGs ends early: the reprovider stopped or its thread was interrupted. */
    private static final class Halted extends Exception {
        private static final long serialVersionUID = 1L;

        Halted() {
            super(null, null, false, false);
        }
    }

    /** One run's announcements: at most {@code concurrency} in flight, counted as they complete. */
    private final class Announcements {
        final Semaphore inFlight = new Semaphore(concurrency);
        final AtomicLong announced = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        InterruptedException interrupted;

        /** Announces once a slot is free; false (and nothing announced) once the reprovider stopped or was interrupted. */
        boolean announce(Cid cid) {
            if (stopped || interrupted != null) {
                return false;
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                interrupted = e;
                return false;
            }
            CompletionStage<Void> announcement;
            try {
                announcement = target.announce(cid);
            } catch (RuntimeException e) {
                announcement = CompletableFuture.failedFuture(e);
            }
            announcement.whenComplete((ok, error) -> {
                (error == null ? announced : failed).incrementAndGet();
                inFlight.release();
            });
            return true;
        }

        void awaitInFlight() throws InterruptedException {
            inFlight.acquire(concurrency);
            inFlight.release(concurrency);
        }

        void throwIfInterrupted() throws InterruptedException {
            if (interrupted != null) {
                throw interrupted;
            }
        }
    }

    /** The reprovider's state: strategy, interval, runs, last run's times and result, next run. */
    synchronized Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", strategy.value());
        out.put("interval_seconds", interval.toSeconds());
        out.put("runs", runs);
        out.put("running", current != null && !current.isDone());
        out.put("last_run_start", lastStart == null ? null : lastStart.toString());
        out.put("last_run_end", lastEnd == null ? null : lastEnd.toString());
        out.put("last_result", lastResult);
        out.put("total_announced", totalAnnounced.get());
        out.put("next_run", stopped || nextRun == null ? null : nextRun.toString());
        return out;
    }
}
