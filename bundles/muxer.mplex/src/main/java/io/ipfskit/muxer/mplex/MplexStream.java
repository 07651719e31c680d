package io.ipfskit.muxer.mplex;

import io.ipfskit.api.net.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One mplex stream; state is touched on the session's event loop only. Data before a handler is set is bounded. */
final class MplexStream implements MuxedStream {

    /** Bytes a stream may hold while the connection is not writable; more fails the write until earlier ones go. */
    static final int MAX_PENDING_WRITE = 4 << 20;

    private record Pending(ByteBuf data, CompletableFuture<Void> done) {
    }

    private final MplexSession session;
    final long id;
    final boolean local;
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private long earlyBytes;
    private Handler handler;
    /** Closed for writing by this side (the close frame follows the waiting writes). */
    private boolean localClosed;
    private boolean closeSent;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean remoteClosed;
    private boolean closed;

    MplexStream(MplexSession session, long id, boolean local) {
        this.session = session;
        this.id = id;
        this.local = local;
    }

    @Override
    public void handler(Handler value) {
        session.run(() -> {
            handler = value;
            earlyBytes = 0;
            while (!early.isEmpty()) {
                dispatch(early.poll());
            }
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.run(() -> {
            if (closed || localClosed) {
                ReferenceCountUtil.release(data);
                done.completeExceptionally(new IOException("mplex stream " + id + " is closed for writing"));
            } else if (pendingBytes + data.readableBytes() > MAX_PENDING_WRITE) {
                ReferenceCountUtil.release(data);
                done.completeExceptionally(new IOException("mplex stream " + id + ": more than " + MAX_PENDING_WRITE
                        + " bytes queued; wait for earlier writes"));
            } else {
                pendingBytes += data.readableBytes();
                pending.add(new Pending(data, done));
                flush();
            }
        });
        return done;
    }

    @Override
    public void closeWrite() {
        session.run(() -> {
            if (!closed && !localClosed) {
                localClosed = true;
                flush();
            }
        });
    }

    /** The channel drained below its low water mark: send what waits. */
    void resume() {
        if (!pending.isEmpty() || (localClosed && !closeSent)) {
            flush();
        }
    }

    /** Sends waiting writes while the channel takes them, then the close once all are out. */
    private void flush() {
        while (!closed && !pending.isEmpty() && session.writable()) {
            Pending head = pending.poll();
            pendingBytes -= head.data().readableBytes();
            while (head.data().isReadable()) {
                int length = Math.min(head.data().readableBytes(), MplexSession.MAX_DATA_FRAME);
                session.send(id, local ? MplexSession.MESSAGE_INITIATOR : MplexSession.MESSAGE_RECEIVER, head.data(), length);
            }
            head.data().release();
            head.done().complete(null);
        }
        if (!closed && localClosed && !closeSent && pending.isEmpty()) {
            closeSent = true;
            session.sendEmpty(id, local ? MplexSession.CLOSE_INITIATOR : MplexSession.CLOSE_RECEIVER);
            if (remoteClosed) {
                session.remove(this);
            }
        }
        session.flush();
    }

    @Override
    public void reset() {
        session.run(() -> {
            if (!closed) {
                session.sendEmpty(id, local ? MplexSession.RESET_INITIATOR : MplexSession.RESET_RECEIVER);
                terminate();
            }
        });
    }

    /** Inbound bytes (owned here, empty ones dropped); false if the data waiting for a handler would pass the limit. */
    boolean data(ByteBuf data) {
        if (closed || remoteClosed || !data.isReadable()) {
            data.release();
            return true;
        }
        if (handler == null) {
            earlyBytes += data.readableBytes();
            if (earlyBytes > session.maxBuffered) {
                data.release();
                return false;
            }
        }
        dispatch(data);
        return true;
    }

    void remoteClose() {
        if (!closed && !remoteClosed) {
            remoteClosed = true;
            dispatch(Boolean.TRUE);
            if (closeSent) {
                session.remove(this);
            }
        }
    }

    void remoteReset() {
        if (!closed) {
            terminate();
        }
    }

    private void terminate() {
        closed = true;
        pending.forEach(p -> {
            p.data().release();
            p.done().completeExceptionally(new IOException("mplex stream " + id + " was reset"));
        });
        pending.clear();
        session.remove(this);
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        dispatch(Boolean.FALSE);
    }

    private void dispatch(Object event) {
        if (handler == null) {
            early.add(event);
        } else if (event instanceof ByteBuf data) {
            handler.onData(data);
        } else if (Boolean.TRUE.equals(event)) {
            handler.onRemoteClose();
        } else {
            handler.onReset();
        }
    }
}
