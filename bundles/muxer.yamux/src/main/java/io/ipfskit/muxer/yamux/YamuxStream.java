package io.ipfskit.muxer.yamux;

import io.ipfskit.api.net.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One yamux stream; its state is touched on the session's event loop only (public methods hop onto it). */
final class YamuxStream implements MuxedStream {

    private record Pending(ByteBuf data, CompletableFuture<Void> done) {
    }

    private final YamuxSession session;
    final int id;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private Handler handler;
    private long sendWindow = YamuxSettings.INITIAL_WINDOW;
    private long recvWindow = YamuxSettings.INITIAL_WINDOW;
    private long recvTarget = YamuxSettings.INITIAL_WINDOW;
    private long consumed;
    private long lastUpdate = System.nanoTime();
    private long pendingBytes;
    private boolean synPending;
    private boolean ackPending;
    private boolean finRequested;
    private boolean finSent;
    private boolean remoteFin;
    private boolean closed;

    YamuxStream(YamuxSession session, int id, boolean outbound) {
        this.session = session;
        this.id = id;
        this.synPending = outbound;
        this.ackPending = !outbound;
    }

    @Override
    public void handler(Handler value) {
        session.run(() -> {
            handler = value;
            while (!early.isEmpty()) {
                dispatch(early.poll());
            }
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.run(() -> {
            if (closed || finRequested) {
                ReferenceCountUtil.release(data);
                done.completeExceptionally(new IOException("yamux stream " + id + " is closed for writing"));
            } else if (pendingBytes + data.readableBytes() > session.settings.maxPendingWrite()) {
                ReferenceCountUtil.release(data);
                done.completeExceptionally(new IOException("yamux stream " + id + ": more than "
                        + session.settings.maxPendingWrite() + " bytes queued; wait for earlier writes"));
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
            if (!closed && !finRequested) {
                finRequested = true;
                flush();
            }
        });
    }

    @Override
    public void reset() {
        session.run(() -> {
            if (!closed) {
                session.sendFrame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST | openingFlags(), id, 0);
                session.flush();
                terminate();
            }
        });
    }

    /** Sends the opening window update (SYN, or ACK for an accepted stream). */
    void open() {
        session.sendFrame(YamuxFrame.WINDOW_UPDATE, openingFlags(), id, 0);
    }

    private int openingFlags() {
        int flags = (synPending ? YamuxFrame.SYN : 0) | (ackPending ? YamuxFrame.ACK : 0);
        synPending = false;
        ackPending = false;
        return flags;
    }

    /** The remote granted more send window. */
    void windowUpdate(long delta) {
        sendWindow += delta;
        flush();
    }

    /** Checks an inbound data frame against the receive window; false if the remote overran it. */
    boolean reserve(long length) {
        if (length > recvWindow) {
            return false;
        }
        recvWindow -= length;
        return true;
    }

    /** Inbound payload bytes (owned by this method). */
    void data(ByteBuf data) {
        if (closed || remoteFin) {
            data.release();
            return;
        }
        dispatch(data);
    }

    /** The remote half-closed. */
    void remoteFin() {
        if (!closed && !remoteFin) {
            remoteFin = true;
            dispatch(Boolean.TRUE);
            if (finSent) {
                session.remove(this);
            }
        }
    }

    /** The remote reset the stream or the session ended. */
    void remoteReset() {
        if (!closed) {
            terminate();
        }
    }

    private void terminate() {
        closed = true;
        for (Pending p : pending) {
            p.data().release();
            p.done().completeExceptionally(new IOException("yamux stream " + id + " was reset"));
        }
        pending.clear();
        session.remove(this);
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (handler != null) {
            handler.onReset();
        } else {
            early.add(Boolean.FALSE);
        }
    }

    private void dispatch(Object event) {
        if (handler == null) {
            early.add(event);
        } else if (event instanceof ByteBuf data) {
            int length = data.readableBytes();
            handler.onData(data);
            consume(length);
        } else if (Boolean.TRUE.equals(event)) {
            handler.onRemoteClose();
        } else {
            handler.onReset();
        }
    }

    /**
     * Counts delivered bytes and, once half the target window is used, grants them back; the target doubles (up to the
     * maximum) when that happened within two round trips, so fast streams get large windows.
     */
    private void consume(int length) {
        consumed += length;
        if (closed || remoteFin || consumed < recvTarget / 2) {
            return;
        }
        long now = System.nanoTime();
        long delta = consumed;
        if (now - lastUpdate < 2 * session.rttNanos() && recvTarget < session.settings.maxWindow()) {
            long grown = Math.min(recvTarget * 2, session.settings.maxWindow());
            delta += grown - recvTarget;
            recvTarget = grown;
        }
        lastUpdate = now;
        consumed = 0;
        recvWindow += delta;
        session.sendFrame(YamuxFrame.WINDOW_UPDATE, openingFlags(), id, delta);
    }

    /** The channel drained below its low water mark: send what waits. */
    void resume() {
        if (!pending.isEmpty() || (finRequested && !finSent)) {
            flush();
        }
    }

    private void flush() {
        while (!pending.isEmpty() && sendWindow > 0 && session.writable()) {
            Pending head = pending.peek();
            int length = (int) Math.min(Math.min(head.data().readableBytes(), sendWindow), YamuxSession.MAX_DATA_FRAME);
            session.sendData(id, openingFlags(), head.data(), length);
            sendWindow -= length;
            pendingBytes -= length;
            if (!head.data().isReadable()) {
                pending.poll();
                head.data().release();
                head.done().complete(null);
            }
        }
        if (pending.isEmpty() && finRequested && !finSent && !closed) {
            finSent = true;
            session.sendFrame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN | openingFlags(), id, 0);
            if (remoteFin) {
                session.remove(this);
            }
        }
        session.flush();
    }
}
