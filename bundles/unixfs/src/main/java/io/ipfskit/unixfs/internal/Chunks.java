package io.ipfskit.unixfs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Cuts a stream into fixed-size chunks (the last one shorter), looking one chunk ahead to tell the end. */
public final class Chunks {

    private final InputStream in;
    private final int size;
    private byte[] next;

    /** Chunks of {@code size} bytes read from {@code in}. */
    public Chunks(InputStream in, int size) throws IOException {
        this.in = in;
        this.size = size;
        this.next = read();
    }

    /** Whether the stream is exhausted. */
    public boolean done() {
        return next == null;
    }

    /** The next chunk; only when not {@link #done()}. */
    public byte[] next() throws IOException {
        byte[] chunk = next;
        next = read();
        return chunk;
    }

    private byte[] read() throws IOException {
        byte[] chunk = new byte[size];
        int n = in.readNBytes(chunk, 0, size);
        return n == 0 ? null : n == size ? chunk : Arrays.copyOf(chunk, n);
    }
}
