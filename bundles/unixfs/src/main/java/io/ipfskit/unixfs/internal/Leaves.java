package io.ipfskit.unixfs.internal;

import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The leaves of a file's chunks in order: each chunk's block is encoded and hashed on the common pool while the caller
 * reads on (at most {@link #AHEAD} chunks in flight, so memory stays bounded), and handed to the sink on the caller's
 * thread, in the file's order.
 */
public final class Leaves {

    /** Chunks read ahead of the one the caller takes: enough to keep every pool thread busy. */
    static final int AHEAD = Math.min(16, 2 * ForkJoinPool.getCommonPoolParallelism() + 2);

    private final Chunks chunks;
    private final Nodes nodes;
    private final UnixfsData.Type type;
    private final Queue<Future<Nodes.Leaf>> ahead = new ArrayDeque<>();

    /** The leaves of the chunks, as UnixFS nodes of the type (File or Raw) unless the options ask for raw leaves. */
    public Leaves(Chunks chunks, Nodes nodes, UnixfsData.Type type) throws IOException {
        this.chunks = chunks;
        this.nodes = nodes;
        this.type = type;
        readAhead();
    }

    /** Whether every leaf was taken. */
    public boolean done() {
        return ahead.isEmpty();
    }

    /** The next leaf, stored; only when not {@link #done()}. */
    public Imported next() throws IOException {
        Nodes.Leaf leaf;
        try {
            leaf = ahead.remove().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing a chunk");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
        readAhead();
        return nodes.store(leaf);
    }

    private void readAhead() throws IOException {
        while (ahead.size() < AHEAD && !chunks.done()) {
            byte[] chunk = chunks.next();
            ahead.add(ForkJoinPool.commonPool().submit(() -> nodes.prepare(chunk, type)));
        }
    }
}
