package io.ipfskit.http.support;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A response body written from a worker thread as HTTP content of at most {@link #CHUNK} bytes, each copied once, into
 * a buffer of the channel's allocator (large writes skip the staging array). Writes go on while
 * the channel is writable and wait for the last one once it is not (Netty's write-buffer water marks bound what is
 * queued); a client that reads nothing for {@link #STALL_SECONDS} is dropped.
 */
public final class ChunkedOutput extends OutputStream {

    /** The largest HTTP content written at once. */
    public static final int CHUNK = 64 * 1024;
    /** How long a client may read nothing before it is dropped. */
    public static final long STALL_SECONDS = 60;

    private final Channel channel;
    private final byte[] buffer = new byte[CHUNK];
    private int size;

    /** A body written to the channel, whose response headers were sent. */
    public ChunkedOutput(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        if (size == buffer.length) {
            flush();
        }
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            if (size == 0 && length >= CHUNK) {
                send(data, offset, CHUNK);
                offset += CHUNK;
                length -= CHUNK;
                continue;
            }
            if (size == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - size);
            System.arraycopy(data, offset, buffer, size, n);
            size += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (size == 0) {
            return;
        }
        int length = size;
        size = 0;
        send(buffer, 0, length);
    }

    /**
     * Writes the bytes as one HTTP content (copied into a buffer of the channel's allocator), waiting for it while the
     * channel is not writable.
     */
    private void send(byte[] data, int offset, int length) throws IOException {
        ByteBuf content = channel.alloc().buffer(length).writeBytes(data, offset, length);
        ChannelFuture written = channel.writeAndFlush(new DefaultHttpContent(content));
        if (!channel.isWritable() || written.isDone()) {
            await(written, channel);
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** Waits for a write; an IOException when it failed or the client read nothing for {@link #STALL_SECONDS}. */
    public static void await(ChannelFuture future, Channel channel) throws IOException {
        try {
            if (!future.await(STALL_SECONDS, TimeUnit.SECONDS)) {
                channel.close();
                throw new IOException("the client read nothing for " + STALL_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new InterruptedIOException("interrupted while writing a response");
        }
        if (!future.isSuccess()) {
            throw new IOException("the client went away: " + future.cause().getMessage(), future.cause());
        }
    }
}
