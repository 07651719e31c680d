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

    private final MplexSession session;
    final long id;
    final boolean local;
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private long earlyBytes;
    private Handler handler;
    private boolean localClosed;
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
                return;
            }
            while (data.isReadable()) {
                int length = Math.min(data.readableBytes(), MplexSession.MAX_DATA_FRAME);
                session.send(id, local ? MplexSession.MESSAGE_INITIATOR : MplexSession.MESSAGE_RECEIVER, data, length);
            }
            data.release();
            session.flush();
            done.complete(null);
        });
        return done;
    }

    @Override
    public void closeWrite() {
        session.run(() -> {
            if (!closed && !localClosed) {
                localClosed = true;
                session.sendEmpty(id, local ? MplexSession.CLOSE_INITIATOR : MplexSession.CLOSE_RECEIVER);
                if (remoteClosed) {
                    session.remove(this);
                }
            }
        });
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
            if (localClosed) {
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
