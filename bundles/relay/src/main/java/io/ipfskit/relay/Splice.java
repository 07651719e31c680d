package io.ipfskit.relay;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.relay.wire.Limit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries a circuit on the relay: what one stream sends is written to the other, with backpressure (a stream whose peer
 * writes faster than the other reads is paused until the other drains). The circuit is cut (both streams reset) when
 * either direction passes the limit's data, when its duration passes, or when either stream is reset; a half-close is
 * passed on, and once both directions closed the circuit ends. {@code ended} runs once, however it ends.
 */
final class Splice {

    private final Stream a;
    private final Stream b;
    private final Limit limit;
    private final Runnable ended;
    private final AtomicBoolean over = new AtomicBoolean();
    private final AtomicInteger halfClosed = new AtomicInteger();
    private volatile ScheduledFuture<?> timer;

    private Splice(Stream a, Stream b, Limit limit, Runnable ended) {
        this.a = a;
        this.b = b;
        this.limit = limit;
        this.ended = ended;
    }

    /** Starts carrying bytes between the two streams, whose readers are handed over to the splice. */
    static Splice start(Stream a, FirstMessage aReader, Stream b, FirstMessage bReader, Limit limit,
            ScheduledExecutorService timers, Runnable ended) {
        Splice splice = new Splice(a, b, limit, ended);
        if (limit.durationSeconds() > 0) {
            splice.timer = timers.schedule(splice::cut, limit.durationSeconds(), TimeUnit.SECONDS);
        }
        aReader.handOver(splice.new Direction(a, b));
        bReader.handOver(splice.new Direction(b, a));
        return splice;
    }

    /** Resets both streams and ends the circuit. */
    void cut() {
        if (end()) {
            a.reset();
            b.reset();
        }
    }

    private boolean end() {
        if (!over.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        ended.run();
        return true;
    }

    /** One direction: from one stream to the other. */
    private final class Direction implements StreamListener {

        private final Stream from;
        private final Stream to;
        private long carried;

        Direction(Stream from, Stream to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void onData(byte[] data) {
            carried += data.length;
            if (limit.dataBytes() > 0 && carried > limit.dataBytes()) {
                cut();
                return;
            }
            to.write(data).whenComplete((v, e) -> {
                if (e != null) {
                    cut();
                }
            });
            if (!to.writable()) {
                from.pauseReading();
                to.onWritable().whenComplete((v, e) -> {
                    if (e == null) {
                        from.resumeReading();
                    }
                });
            }
        }

        @Override
        public void onRemoteClose() {
            to.closeWrite();
            if (halfClosed.incrementAndGet() == 2) {
                end();
            }
        }

        @Override
        public void onReset() {
            cut();
        }
    }
}
