package io.ipfskit.muxer.mplex;

import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.muxer.support.StreamEvents;
import io.ipfskit.muxer.support.WriteQueue;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One mplex stream; state is touched on the session's event loop only. mplex has no flow control, so the session counts
 * the bytes each stream holds unread (delivered but not reported consumed) and stops reading the connection while one
 * holds too many; data for a stream without a handler is bounded too.
 */
final class MplexStream implements MuxedStream {

    /**
     * Bytes a stream may hold while the connection is not writable; more fails the write until earlier ones go (the
     * stream reports itself not writable from half of it).
     */
    static final int MAX_PENDING_WRITE = 4 << 20;

    private final MplexSession session;
    final long id;
    final boolean local;
    private final WriteQueue writes;
    private final StreamEvents events = new StreamEvents();
    /** Bytes received and not yet reported consumed by the handler. */
    private long unread;
    /** Closed for writing by this side (the close frame follows the waiting writes). */
    private boolean localClosed;
    private boolean closeSent;
    private boolean remoteClosed;
    private boolean closed;

    MplexStream(MplexSession session, long id, boolean local) {
        this.session = session;
        this.id = id;
        this.local = local;
        this.writes = new WriteQueue("mplex stream " + id, MAX_PENDING_WRITE);
    }

    @Override
    public void handler(Handler value) {
        session.run(() -> {
            events.handler(value);
        });
    }

    @Override
    public CompletionStage<Void> write(ByteBuf data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (writes.admit(data, done)) {
            session.run(() -> {
                if (writes.add(data, done)) {
                    flush();
                }
            });
        }
        return done;
    }

    @Override
    public boolean writable() {
        return writes.writable();
    }

    @Override
    public CompletionStage<Void> whenWritable() {
        return writes.whenWritable();
    }

    @Override
    public void consumed(int bytes) {
        if (bytes > 0) {
            session.run(() -> {
                if (!closed) {
                    unread -= bytes;
                    session.unreadChanged(this);
                }
            });
        }
    }

    /** Bytes received and not reported consumed. */
    long unread() {
        return unread;
    }

    @Override
    public void closeWrite() {
        session.run(() -> {
            if (!closed && !localClosed) {
                localClosed = true;
                writes.refuseMore(new IOException("mplex stream " + id + " is closed for writing"));
                flush();
            }
        });
    }

    /** The channel drained below its low water mark: send what waits. */
    void resume() {
        if (!writes.isEmpty() || (localClosed && !closeSent)) {
            flush();
        }
    }

    /** Sends waiting writes while the channel takes them, then the close once all are out. */
    private void flush() {
        if (!closed) {
            int flag = local ? MplexSession.MESSAGE_INITIATOR : MplexSession.MESSAGE_RECEIVER;
            writes.drain(() -> Long.MAX_VALUE, MplexSession.MAX_DATA_FRAME, session::writable,
                    piece -> session.send(id, flag, piece));
        }
        if (!closed && localClosed && !closeSent && writes.isEmpty()) {
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

    /**
     * Inbound bytes (owned here, empty ones dropped); false if they would make the data waiting for a handler pass
     * the session's bound.
     */
    boolean data(ByteBuf data) {
        if (closed || remoteClosed || !data.isReadable()) {
            data.release();
            return true;
        }
        if (!events.handled() && unread + data.readableBytes() > session.maxBuffered) {
            data.release();
            return false;
        }
        unread += data.readableBytes();
        session.unreadChanged(this);
        events.data(data);
        return true;
    }

    void remoteClose() {
        if (!closed && !remoteClosed) {
            remoteClosed = true;
            events.remoteClose();
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
        unread = 0;
        writes.abort(new IOException("mplex stream " + id + " was reset"));
        session.remove(this);
        events.reset();
    }

}
