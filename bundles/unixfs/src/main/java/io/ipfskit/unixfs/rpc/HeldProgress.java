package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Progress events of an add, held back until the first block is stored (at most {@link #MAX_HELD}), then passed through;
 * blocks are stored on other threads than the one sending events.
 */
final class HeldProgress implements RpcResponse.JsonStream {

    /** Events kept while waiting; older ones are dropped beyond this (each carries the running total anyway). */
    static final int MAX_HELD = 64;

    private final RpcResponse.JsonStream out;
    private final Deque<Object> held = new ArrayDeque<>();
    private boolean released;

    /** Events for {@code out}; {@code released} from the start when nothing is stored (only-hash). */
    HeldProgress(RpcResponse.JsonStream out, boolean released) {
        this.out = out;
        this.released = released;
    }

    @Override
    public synchronized void send(Object event) throws IOException {
        if (released) {
            out.send(event);
            return;
        }
        if (held.size() == MAX_HELD) {
            held.removeFirst();
        }
        held.addLast(event);
    }

    /** A block was stored: the events held go out, and from now on events pass. */
    synchronized void release() throws IOException {
        if (!released) {
            released = true;
            while (!held.isEmpty()) {
                out.send(held.removeFirst());
            }
        }
    }
}
