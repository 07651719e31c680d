package io.ipfskit.muxer.yamux;

import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.muxer.support.StreamEvents;
import io.ipfskit.muxer.support.WriteQueue;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One yamux stream; its state is touched on the session's event loop only (public methods hop onto it). The receive
 * window is granted back as the handler reports bytes consumed, not as they arrive, so a handler that stops reading
 * stops the remote after one window.
 */
final class YamuxStream implements MuxedStream {

    private final YamuxSession session;
    final int id;
    private final WriteQueue writes;
    private final StreamEvents events = new StreamEvents();
    /** Bytes the handler reported consumed and not yet granted back; any thread adds, the event loop takes. */
    private final AtomicLong consumed = new AtomicLong();
    /** Consumed bytes worth a window update: half the target window. */
    private volatile long grantAt = YamuxSettings.INITIAL_WINDOW / 2;
    private long sendWindow = YamuxSettings.INITIAL_WINDOW;
    private long recvWindow = YamuxSettings.INITIAL_WINDOW;
    private long recvTarget = YamuxSettings.INITIAL_WINDOW;
    private long lastUpdate = System.nanoTime();
    private boolean synPending;
    private boolean ackPending;
    private boolean finRequested;
    private boolean finSent;
    private boolean remoteFin;
    private boolean closed;

    YamuxStream(YamuxSession session, int id, boolean outbound) {
        this.session = session;
        this.id = id;
        this.writes = new WriteQueue("yamux stream " + id, session.settings.maxPendingWrite());
        this.synPending = outbound;
        this.ackPending = !outbound;
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
    public void closeWrite() {
        session.run(() -> {
            if (!closed && !finRequested) {
                finRequested = true;
                writes.refuseMore(new IOException("yamux stream " + id + " is closed for writing"));
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

    @Override
    public void consumed(int bytes) {
        if (bytes > 0 && consumed.addAndGet(bytes) >= grantAt) {
            session.run(this::grant);
        }
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
        events.data(data);
    }

    /** The remote half-closed. */
    void remoteFin() {
        if (!closed && !remoteFin) {
            remoteFin = true;
            events.remoteClose();
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
        writes.abort(new IOException("yamux stream " + id + " was reset"));
        session.remove(this);
        events.reset();
    }


    /**
     * Grants consumed bytes back once they reach half the target window; the target doubles (up to the maximum) when
     * that happened within two round trips of the last grant, so streams that are read fast get large windows.
     */
    private void grant() {
        if (closed || remoteFin || consumed.get() < recvTarget / 2) {
            return;
        }
        long delta = consumed.getAndSet(0);
        long now = System.nanoTime();
        if (now - lastUpdate < 2 * session.rttNanos() && recvTarget < session.settings.maxWindow()) {
            long grown = Math.min(recvTarget * 2, session.settings.maxWindow());
            delta += grown - recvTarget;
            recvTarget = grown;
            grantAt = grown / 2;
        }
        lastUpdate = now;
        recvWindow += delta;
        session.sendFrame(YamuxFrame.WINDOW_UPDATE, openingFlags(), id, delta);
        session.flush();
    }

    /** The channel drained below its low water mark: send what waits. */
    void resume() {
        if (!writes.isEmpty() || (finRequested && !finSent)) {
            flush();
        }
    }

    /** Sends what the window and the channel let go, then the FIN once all is out. */
    private void flush() {
        if (!closed) {
            // the window shrinks as each piece goes and is asked anew for the next: sending a piece may flush this
            // stream again (a write completed, a channel event) before the drain under way goes on
            writes.drain(() -> sendWindow, YamuxSession.MAX_DATA_FRAME, session::writable, piece -> {
                sendWindow -= piece.readableBytes();
                session.sendData(id, openingFlags(), piece);
            });
        }
        if (writes.isEmpty() && finRequested && !finSent && !closed) {
            finSent = true;
            session.sendFrame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN | openingFlags(), id, 0);
            if (remoteFin) {
                session.remove(this);
            }
        }
        session.flush();
    }
}
