package io.ipfskit.protocol.pubsub.net;

import io.ipfskit.api.protocol.Stream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Our one outbound pubsub stream to a peer, with a bounded queue of framed RPCs (at most {@code maxFrames} frames and
 * {@code maxBytes} bytes): what is queued while a write is under way goes out in the next write, and the queue waits
 * while the stream is not writable; an RPC that does not fit is refused (the router drops it and penalises the peer).
 */
public final class PeerLink {

    private final Stream stream;
    private final int maxFrames;
    private final long maxBytes;
    private final Queue<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean closed;

    /** A link over the negotiated stream. */
    public PeerLink(Stream stream, int maxFrames, long maxBytes) {
        this.stream = stream;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** The stream. */
    public Stream stream() {
        return stream;
    }

    /** Queues a frame; false when the queue is full or the link closed. */
    public synchronized boolean offer(byte[] frame) {
        if (closed || queue.size() >= maxFrames || queuedBytes + frame.length > maxBytes) {
            return false;
        }
        queue.add(frame);
        queuedBytes += frame.length;
        if (!writing) {
            writing = true;
            writeNext();
        }
        return true;
    }

    private synchronized void writeNext() {
        if (closed || queue.isEmpty()) {
            writing = false;
            return;
        }
        if (!stream.writable()) {
            stream.onWritable().whenComplete((v, e) -> {
                if (e != null) {
                    close();
                } else {
                    writeNext();
                }
            });
            return;
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        while (!queue.isEmpty() && (batch.size() == 0 || batch.size() + queue.peek().length <= 1024 * 1024)) {
            byte[] frame = queue.remove();
            queuedBytes -= frame.length;
            batch.writeBytes(frame);
        }
        stream.write(batch.toByteArray()).whenComplete((v, e) -> {
            if (e != null) {
                close();
            } else {
                writeNext();
            }
        });
    }

    /** Drops what is queued and resets the stream. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        stream.reset();
    }
}
