package io.ipfskit.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A request body as it arrives, read by the command on its worker thread: at most {@link #HIGH_WATER} chunks wait
 * in memory (reading from the socket pauses above that), and a client that stops sending for {@link #STALL} fails
 * the read instead of holding the worker.
 */
final class BodyStream extends InputStream {

    static final int HIGH_WATER = 16;
    static final int LOW_WATER = 4;
    static final Duration STALL = Duration.ofSeconds(60);

    private final Channel channel;
    private final Queue<ByteBuf> chunks = new ArrayDeque<>();
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private String failure;

    BodyStream(Channel channel) {
        this.channel = channel;
    }

    /** A chunk arrived (event loop); the stream takes ownership. */
    synchronized void offer(ByteBuf chunk) {
        if (closed || ended) {
            chunk.release();
            return;
        }
        if (chunk.isReadable()) {
            chunks.add(chunk);
        } else {
            chunk.release();
        }
        if (chunks.size() >= HIGH_WATER && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    /** The last chunk arrived. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** The connection failed before the body ended. */
    synchronized void fail(String reason) {
        failure = reason;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + STALL.toNanos();
        while (chunks.isEmpty()) {
            if (closed) {
                throw new IOException("request body closed");
            }
            if (ended) {
                return -1;
            }
            if (failure != null) {
                throw new IOException("request body cut off: " + failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("the client sent nothing for " + STALL.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            }
        }
        ByteBuf head = chunks.peek();
        int n = Math.min(length, head.readableBytes());
        head.readBytes(buffer, offset, n);
        if (!head.isReadable()) {
            chunks.remove().release();
            resumeIfDrained();
        }
        return n;
    }

    /** Releases what is left; later chunks are dropped (the command finished without reading them). */
    @Override
    public synchronized void close() {
        closed = true;
        chunks.forEach(ByteBuf::release);
        chunks.clear();
        resumeIfDrained();
        notifyAll();
    }

    private void resumeIfDrained() {
        if (paused && chunks.size() <= LOW_WATER) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }
}
