package io.ipfskit.routing.blocks;

import io.ipfskit.api.exchange.BlockExchange;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An exchange the test drives: sessions record their wants; the test delivers (stores, then completes) or fails them. */
final class FakeExchange implements BlockExchange {

    final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Blockstore store;

    FakeExchange(Blockstore store) {
        this.store = store;
    }

    @Override
    public ExchangeSession newSession() {
        Session session = new Session();
        sessions.add(session);
        return session;
    }

    /** The only session opened. */
    Session session() {
        if (sessions.size() != 1) {
            throw new AssertionError("sessions opened: " + sessions.size());
        }
        return sessions.get(0);
    }

    /** One session's wants. */
    final class Session implements ExchangeSession {
        final List<Cid> wanted = new CopyOnWriteArrayList<>();
        final Map<Cid, CompletableFuture<byte[]>> wants = new ConcurrentHashMap<>();
        volatile boolean closed;

        @Override
        public CompletableFuture<byte[]> get(Cid cid) {
            wanted.add(cid);
            CompletableFuture<byte[]> want = new CompletableFuture<>();
            wants.put(cid, want);
            return want;
        }

        @Override
        public void close() {
            closed = true;
            new ArrayList<>(wants.values()).forEach(w -> w.completeExceptionally(new CancellationException("closed")));
        }

        /** Wants not completed yet. */
        long outstanding() {
            return wants.values().stream().filter(w -> !w.isDone()).count();
        }

        /** As Bitswap does: stores the block, then completes its want. */
        void deliver(Cid cid, byte[] data) throws Exception {
            store.put(cid, data);
            wants.get(cid).complete(data);
        }

        void fail(Cid cid, String message) {
            wants.get(cid).completeExceptionally(new IllegalStateException(message));
        }
    }
}
