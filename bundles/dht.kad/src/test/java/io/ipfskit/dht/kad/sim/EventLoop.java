package io.ipfskit.dht.kad.sim;

import io.ipfskit.dht.kad.core.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event {@link Scheduler} in virtual time: tasks run one at a time, in time order (then in the order they
 * were scheduled), on the thread that drives the loop; time jumps from one event to the next. Not thread-safe: only
 * the driving thread may use it.
 */
public final class EventLoop implements Scheduler {

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private long ran;

    /** A loop whose clock starts at {@code start} (epoch ms). */
    public EventLoop(long start) {
        this.now = start;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Event e = new Event(now + Math.max(0, delay.toMillis()), sequence++, task);
        queue.add(e);
        return () -> e.cancelled = true;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(new Event(now, sequence++, task));
    }

    /** Runs events until the condition holds, none is left, or the clock would pass {@code limit} from now. */
    public void runUntil(BooleanSupplier done, Duration limit) {
        long end = now + limit.toMillis();
        while (!done.getAsBoolean() && !queue.isEmpty() && queue.peek().at <= end) {
            Event e = queue.poll();
            now = e.at;
            if (!e.cancelled) {
                ran++;
                e.task.run();
            }
        }
    }

    /** Runs every event due within the duration, and moves the clock to its end. */
    public void runFor(Duration duration) {
        long end = now + duration.toMillis();
        runUntil(() -> false, duration);
        now = Math.max(now, end);
    }

    /** Runs events until the future completes (or {@code limit} passes) and returns its value. */
    public <T> T await(CompletableFuture<T> future, Duration limit) {
        runUntil(future::isDone, limit);
        if (!future.isDone()) {
            throw new IllegalStateException("not done after " + limit + " of virtual time");
        }
        return future.join();
    }

    /** Events run so far. */
    public long eventsRun() {
        return ran;
    }

    private static final class Event implements Comparable<Event> {
        final long at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Event(long at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
