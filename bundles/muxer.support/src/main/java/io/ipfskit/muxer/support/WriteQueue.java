package io.ipfskit.muxer.support;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The writes one muxed stream holds until its send window and the channel take them: at most {@code limit} bytes (a
 * write past that fails), not writable from above half the limit until drained to a quarter. A write is counted on the
 * writer's thread when it is made ({@link #admit}), so {@link #writable()} is current for the writer; the queue itself
 * is confined to the connection's event loop.
 */
public final class WriteQueue {

    private record Entry(ByteBuf data, CompletableFuture<Void> done) {
    }

    private final String name;
    private final long limit;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Bytes admitted and not yet handed on or dropped; any thread adds, the event loop takes away. */
    private final AtomicLong bytes = new AtomicLong();
    /** Why writes are refused, once they are; set under this. */
    private volatile IOException refusal;
    private volatile boolean writable = true;
    /** Completes when the queue becomes writable again; guarded by this, like changes of writable. */
    private CompletableFuture<Void> waiter;

    /** An empty queue of the stream called {@code name} (for messages), holding at most {@code limit} bytes. */
    public WriteQueue(String name, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("write queue limit " + limit);
        }
        this.name = name;
        this.limit = limit;
    }

    /**
     * Counts a write on the writer's thread; false (the buffer released, {@code done} failed) when it would pass the
     * limit. An admitted write goes to {@link #add} on the event loop next.
     */
    public boolean admit(ByteBuf data, CompletableFuture<Void> done) {
        int length = data.readableBytes();
        long now;
        long was;
        do {
            was = bytes.get();
            now = was + length;
            if (now > limit) {
                data.release();
                done.completeExceptionally(new IOException(name + ": more than " + limit
                        + " bytes queued; wait until it is writable"));
                return false;
            }
        } while (!bytes.compareAndSet(was, now));
        if (now > limit / 2 && writable) {
            synchronized (this) {
                if (bytes.get() > limit / 2) {
                    writable = false;
                }
            }
        }
        return true;
    }

    /**
     * Queues an admitted write (owning its buffer); {@code done} completes once its last byte is handed on. Refused
     * (the buffer released, {@code done} failed, false returned) after {@link #refuseMore}.
     */
    public boolean add(ByteBuf data, CompletableFuture<Void> done) {
        if (refusal != null) {
            bytes.addAndGet(-data.readableBytes());
            data.release();
            done.completeExceptionally(refusal);
            return false;
        }
        entries.add(new Entry(data, done));
        return true;
    }

    /** Whether nothing waits. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The bytes admitted and not yet handed on. */
    public long bytes() {
        return bytes.get();
    }

    /**
     * Hands waiting bytes to {@code sink}, in order, in pieces of at most {@code maxPiece}, while {@code budget} (asked
     * before each piece, so a sink that spends it is seen at once) has room and {@code open} says the channel takes
     * more; then completes the writes whose last byte went. Returns the bytes handed.
     */
    public long drain(LongSupplier budget, int maxPiece, BooleanSupplier open, Consumer<ByteBuf> sink) {
        long sent = 0;
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        while (!entries.isEmpty() && open.getAsBoolean()) {
            Entry head = entries.peek();
            int readable = head.data().readableBytes();
            long room = budget.getAsLong();
            if (readable > 0 && room <= 0) {
                break;
            }
            int piece = (int) Math.min(Math.min(readable, maxPiece), room);
            if (piece == readable) {
                entries.poll();
                finished.add(head.done());
            }
            bytes.addAndGet(-piece);
            sent += piece;
            if (piece == readable && piece == 0) {
                head.data().release();
            } else {
                sink.accept(piece == readable ? head.data() : head.data().readRetainedSlice(piece));
            }
        }
        if (!writable && bytes.get() <= limit / 4) {
            becomeWritable();
        }
        finished.forEach(f -> f.complete(null));
        return sent;
    }

    /** Refuses later writes (and fails those waiting for writability) with the reason; what is queued still drains. */
    public void refuseMore(IOException reason) {
        if (refusal == null) {
            CompletableFuture<Void> w;
            synchronized (this) {
                refusal = reason;
                w = waiter;
                waiter = null;
            }
            if (w != null) {
                w.completeExceptionally(reason);
            }
        }
    }

    /** Refuses later writes and fails and releases every queued one: the stream is gone. */
    public void abort(IOException reason) {
        refuseMore(reason);
        for (Entry e; (e = entries.poll()) != null; ) {
            bytes.addAndGet(-e.data().readableBytes());
            e.data().release();
            e.done().completeExceptionally(reason);
        }
    }

    /** Whether the queue has room: false from above half the limit until drained to a quarter of it. */
    public boolean writable() {
        return writable;
    }

    /** Completes once the queue is writable (at once if it is now); fails once writes are refused. */
    public synchronized CompletionStage<Void> whenWritable() {
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        if (writable) {
            return CompletableFuture.completedFuture(null);
        }
        if (waiter == null) {
            waiter = new CompletableFuture<>();
        }
        return waiter;
    }

    private void becomeWritable() {
        CompletableFuture<Void> w;
        synchronized (this) {
            if (bytes.get() > limit / 4 || refusal != null) {
                return;
            }
            writable = true;
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.complete(null);
        }
    }
}
