package io.ipfskit.kit.fs;

import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a UnixFS file: reads stream from the current position, and a new position reopens the
 * stream there through the exporter's offset reads, so random access fetches only the blocks it touches.
 */
final class IpfsChannel implements SeekableByteChannel {

    /** Largest read done through a temporary array for a direct buffer. */
    private static final int MAX_COPY = 65536;

    private final IpfsKit kit;
    private final Cid file;
    private final long size;
    private long position;
    private InputStream stream;
    private boolean open = true;

    IpfsChannel(IpfsKit kit, Cid file, long size) {
        this.kit = kit;
        this.file = file;
        this.size = size;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (stream == null) {
            stream = kit.cat(file, position, -1);
        }
        int count;
        if (dst.hasArray()) {
            count = stream.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (count > 0) {
                dst.position(dst.position() + count);
            }
        } else {
            byte[] copy = new byte[Math.min(dst.remaining(), MAX_COPY)];
            count = stream.read(copy);
            if (count > 0) {
                dst.put(copy, 0, count);
            }
        }
        if (count < 0) {
            throw new IOException("file " + file + " ended at " + position + " of its " + size + " bytes");
        }
        position += count;
        return count;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized long position() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public synchronized SeekableByteChannel position(long newPosition) throws IOException {
        checkOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        if (newPosition != position) {
            closeStream();
            position = newPosition;
        }
        return this;
    }

    @Override
    public synchronized long size() throws IOException {
        checkOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() throws IOException {
        open = false;
        closeStream();
    }

    private void closeStream() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
