package io.ipfskit.host.internal;

import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A negotiated stream as protocol code sees it: byte arrays in and out. Its events reach the listener on the host's
 * handler executor, one task at a time and in order, never on the event loop, so a listener may block without holding
 * up its connection. Bytes are reported consumed to the muxer once the listener returned from onData: a slow or paused
 * listener holds back the sender through the muxer's window instead of filling a queue here.
 */
final class HostStream implements Stream, MuxedStream.Handler {

    private static final System.Logger LOG = System.getLogger(HostStream.class.getName());
    /** Events delivered per turn on the executor before the thread goes to other streams. */
    private static final int TURN = 16;
    private static final Object REMOTE_CLOSE = new Object();
    private static final Object RESET = new Object();

    private final MuxedStream stream;
    private final PeerId remote;
    private final String protocol;
    private final Executor executor;
    private final Consumer<HostStream> onEnd;
    private final Bandwidth bandwidth;
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong held = new AtomicLong();
    private volatile boolean paused;
    private volatile boolean resetQueued;
    private volatile boolean localClosed;
    private volatile boolean remoteClosed;
    /** Touched by the delivering thread only. */
    private StreamListener listener;
    private boolean broken;

    /**
     * A stream whose bytes are counted in {@code bandwidth}; {@code onEnd} runs once, when both directions are closed or
     * the stream is reset.
     */
    HostStream(MuxedStream stream, PeerId remote, String protocol, Executor executor, Bandwidth bandwidth,
            Consumer<HostStream> onEnd) {
        this.stream = stream;
        this.remote = remote;
        this.protocol = protocol;
        this.executor = executor;
        this.bandwidth = bandwidth;
        this.onEnd = onEnd;
    }

    /**
     * Starts delivering: first creates the listener with {@code create} on the executor (and tells {@code started},
     * with null or the failure that reset the stream), then passes on the bytes that followed the negotiation and
     * whatever arrives after them.
     */
    void start(Function<Stream, StreamListener> create, ByteBuf leftover, Consumer<RuntimeException> started) {
        events.add((Runnable) () -> {
            try {
                listener = create.apply(this);
            } catch (RuntimeException e) {
                broken = true;
                stream.reset();
                started.accept(e);
                return;
            }
            started.accept(null);
        });
        if (leftover.isReadable()) {
            onData(leftover.retain());
        }
        stream.handler(this);
        schedule();
    }

    @Override
    public PeerId remotePeer() {
        return remote;
    }

    @Override
    public String protocolId() {
        return protocol;
    }

    @Override
    public CompletionStage<Void> write(byte[] data) {
        bandwidth.sent(remote, protocol, data.length);
        return stream.write(Unpooled.wrappedBuffer(data));
    }

    @Override
    public boolean writable() {
        return stream.writable();
    }

    @Override
    public CompletionStage<Void> onWritable() {
        return stream.whenWritable();
    }

    @Override
    public void pauseReading() {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
        schedule();
    }

    @Override
    public void closeWrite() {
        localClosed = true;
        stream.closeWrite();
        if (remoteClosed) {
            end();
        }
    }

    @Override
    public void reset() {
        stream.reset();
    }

    /** Bytes received and not yet taken by the listener. */
    long heldBytes() {
        return held.get();
    }

    @Override
    public void onData(ByteBuf data) {
        bandwidth.received(remote, protocol, data.readableBytes());
        held.addAndGet(data.readableBytes());
        events.add(data);
        schedule();
    }

    @Override
    public void onRemoteClose() {
        remoteClosed = true;
        if (localClosed) {
            end();
        }
        events.add(REMOTE_CLOSE);
        schedule();
    }

    @Override
    public void onReset() {
        end();
        resetQueued = true;
        events.add(RESET);
        schedule();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }

    /** Puts a delivery turn on the executor unless one is queued or running, or nothing can be delivered now. */
    private void schedule() {
        if (deliverable() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::deliver);
            } catch (RejectedExecutionException e) {
                discard();
            }
        }
    }

    /** Whether the next event may go to the listener: anything but data while paused, unless a reset is coming. */
    private boolean deliverable() {
        Object next = events.peek();
        return next != null && !(paused && next instanceof ByteBuf && !resetQueued);
    }

    private void deliver() {
        long read = 0;
        try {
            for (int i = 0; i < TURN && deliverable(); i++) {
                read += pass(events.poll());
            }
        } finally {
            if (read > 0) {
                stream.consumed((int) Math.min(Integer.MAX_VALUE, read));
            }
            scheduled.set(false);
            schedule();
        }
    }

    /** Passes one event to the listener; returns the bytes it took. A listener that throws resets the stream. */
    private long pass(Object event) {
        if (event instanceof Runnable create) {
            create.run();
            return 0;
        }
        if (event instanceof ByteBuf data) {
            int length = data.readableBytes();
            held.addAndGet(-length);
            if (broken || (paused && resetQueued)) {
                data.release();
                return length;
            }
            byte[] bytes = new byte[length];
            data.getBytes(data.readerIndex(), bytes);
            data.release();
            call(() -> listener.onData(bytes));
            return length;
        }
        if (event == REMOTE_CLOSE) {
            if (!broken) {
                call(listener::onRemoteClose);
            }
        } else if (listener != null) {
            try {
                listener.onReset();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "handler of " + protocol + " failed on reset", e);
            }
        }
        return 0;
    }

    private void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler of " + protocol + " failed; resetting the stream", e);
            broken = true;
            stream.reset();
        }
    }

    /** The executor is gone (the host closed): drops what waits. */
    private void discard() {
        for (Object event; (event = events.poll()) != null; ) {
            ReferenceCountUtil.release(event);
        }
        held.set(0);
        scheduled.set(false);
    }
}
