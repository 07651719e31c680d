package io.ipfskit.routing.manager;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.routing.concurrent.Time;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Re-announces every block the node stores (kubo's default strategy, "all") through the routers that announce: first
 * after an initial delay, then every interval (kubo: 22 h) from the start of the previous run, and on demand. One run
 * at a time, at most {@code concurrency} announcements in flight; a run with nothing to announce through is a no-op
 * that says why in {@link #report()}.
 */
final class Reprovider {

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
    private final Supplier<Blockstore> store;
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

    Reprovider(Time time, Executor worker, Duration interval, Duration initialDelay, int concurrency,
            Supplier<Blockstore> store, Target target) {
        if (concurrency < 1 || interval.isNegative() || initialDelay.isNegative()) {
            throw new IllegalArgumentException("concurrency must be positive, durations not negative");
        }
        this.time = time;
        this.worker = worker;
        this.interval = interval;
        this.initialDelay = initialDelay;
        this.concurrency = concurrency;
        this.store = store;
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
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong announced = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        InterruptedException[] interrupted = {null};
        blocks.forEach(multihash -> {
            if (stopped || interrupted[0] != null) {
                return;
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                interrupted[0] = e;
                return;
            }
            CompletionStage<Void> announcement;
            try {
                announcement = target.announce(Cid.v1(Multicodec.RAW, multihash));
            } catch (RuntimeException e) {
                announcement = CompletableFuture.failedFuture(e);
            }
            announcement.whenComplete((ok, error) -> {
                (error == null ? announced : failed).incrementAndGet();
                inFlight.release();
            });
        });
        inFlight.acquire(concurrency);
        inFlight.release(concurrency);
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        totalAnnounced.addAndGet(announced.get());
        return (stopped ? "stopped after announcing " : "announced ") + announced.get() + " blocks"
                + (failed.get() > 0 ? ", " + failed.get() + " failed" : "");
    }

    /** The reprovider's state: strategy, interval, runs, last run's times and result, next run. */
    synchronized Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", "all");
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
