package io.ipfskit.protocol.bitswap.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.MessageCodec;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one long-lived outbound stream to a peer, opened on first use on the newest Bitswap version the peer speaks.
 * Want-list changes are coalesced per CID and go first; server responses follow one at a time. Nothing is written
 * before the previous write completed, so a peer that reads slowly is sent to slowly (today's backpressure: the
 * CompletionStage of {@link Stream#write}). Once its stream fails the link is dead; a new one takes its place.
 */
public final class PeerLink {

    /** The most want-list entries put in one message. */
    static final int MAX_ENTRIES_PER_MESSAGE = 512;
    /** Writes are handed to the stream in pieces of at most this size (muxers bound what one stream may queue). */
    static final int WRITE_CHUNK = 1 << 20;
    /** Unsent want-list changes beyond which the peer counts as not reading: the link fails. */
    static final int MAX_PENDING_CHANGES = 16 * MAX_ENTRIES_PER_MESSAGE;

    private record Outgoing(BitswapMessage message, CompletableFuture<Void> done) {
    }

    private final PeerId peer;
    private final Supplier<CompletionStage<Stream>> opener;
    private final Consumer<Throwable> onFailure;
    private final Map<Cid, WantEntry> pendingWants = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> responses = new ArrayDeque<>();
    private CompletableFuture<Stream> stream;
    private Dialect dialect;
    private boolean writing;
    private boolean dead;

    /** A link that opens its stream with {@code opener} and reports a broken stream to {@code onFailure} once. */
    PeerLink(PeerId peer, Supplier<CompletionStage<Stream>> opener, Consumer<Throwable> onFailure) {
        this.peer = peer;
        this.opener = opener;
        this.onFailure = onFailure;
    }

    /** The negotiated version, or null before the stream is open. */
    public synchronized Dialect dialect() {
        return dialect;
    }

    /** Whether the stream failed or the link was closed. */
    public synchronized boolean dead() {
        return dead;
    }

    /** Tells the peer we want the block (or want to know whether it has it); replaces an unsent change for the CID. */
    public void want(WantEntry entry) {
        change(entry);
    }

    /** Tells the peer we no longer want the CID. */
    public void cancel(Cid cid) {
        change(WantEntry.cancel(cid));
    }

    private void change(WantEntry entry) {
        boolean overflow;
        synchronized (this) {
            if (dead) {
                return;
            }
            pendingWants.put(entry.cid(), entry);
            overflow = pendingWants.size() > MAX_PENDING_CHANGES;
        }
        if (overflow) {
            fail(new IOException("more than " + MAX_PENDING_CHANGES + " want-list changes wait for " + peer + " to read"));
        } else {
            pump();
        }
    }

    /** Drops an unsent change for the CID: the peer already let go of the want (it answered it). */
    public synchronized void forget(Cid cid) {
        pendingWants.remove(cid);
    }

    /** Queues a server response; the stage completes once it was handed to the stream, or fails with the link. */
    public CompletableFuture<Void> send(BitswapMessage response) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (dead) {
                done.completeExceptionally(new IllegalStateException("the bitswap stream to " + peer + " is closed"));
                return done;
            }
            responses.add(new Outgoing(response, done));
        }
        pump();
        return done;
    }

    /** Resets the stream and fails what waits, without reporting a failure (the peer went away). */
    public void close() {
        List<Outgoing> dropped = terminate();
        if (dropped != null) {
            dropped.forEach(o -> o.done().completeExceptionally(new IllegalStateException("peer " + peer + " went away")));
        }
    }

    /** Starts the next write (or the stream's opening) unless one is under way; the I/O happens outside the lock. */
    private void pump() {
        Stream open;
        byte[] frame;
        CompletableFuture<Void> done = null;
        CompletableFuture<Stream> opening = null;
        synchronized (this) {
            if (writing || dead || (pendingWants.isEmpty() && responses.isEmpty())) {
                return;
            }
            if (stream == null) {
                opening = new CompletableFuture<>();
                stream = opening;
                open = null;
                frame = null;
            } else {
                open = openStream();
                if (open == null) {
                    return;
                }
                frame = wantsFrame();
                if (frame == null) {
                    Outgoing next = responses.poll();
                    if (next == null) {
                        return;
                    }
                    frame = MessageCodec.frame(next.message(), dialect);
                    done = next.done();
                }
                writing = true;
            }
        }
        if (opening != null) {
            open(opening);
            return;
        }
        CompletableFuture<Void> completion = done;
        write(open, frame, 0).whenComplete((v, error) -> written(completion, error));
    }

    /** The next want-list message (entries this dialect can carry, at most a message's worth), or null. */
    private byte[] wantsFrame() {
        List<WantEntry> entries = new ArrayList<>();
        Iterator<WantEntry> pending = pendingWants.values().iterator();
        while (pending.hasNext() && entries.size() < MAX_ENTRIES_PER_MESSAGE) {
            WantEntry entry = pending.next();
            pending.remove();
            if (entry.cancel() || entry.type() == WantType.BLOCK || dialect.presences()) {
                entries.add(entry);
            }
        }
        return entries.isEmpty() ? null : MessageCodec.frame(BitswapMessage.wants(entries, false), dialect);
    }

    private void open(CompletableFuture<Stream> opening) {
        opener.get().whenComplete((s, error) -> {
            if (error != null) {
                opening.completeExceptionally(error);
                fail(error);
                return;
            }
            boolean dropped;
            synchronized (this) {
                dialect = Dialect.of(s.protocolId());
                dropped = dead;
            }
            opening.complete(s);
            if (dropped) {
                s.reset();
            } else {
                pump();
            }
        });
    }

    private void written(CompletableFuture<Void> done, Throwable error) {
        if (error != null) {
            if (done != null) {
                done.completeExceptionally(error);
            }
            fail(error);
            return;
        }
        synchronized (this) {
            writing = false;
        }
        if (done != null) {
            done.complete(null);
        }
        pump();
    }

    private void fail(Throwable error) {
        List<Outgoing> dropped = terminate();
        if (dropped != null) {
            dropped.forEach(o -> o.done().completeExceptionally(error));
            onFailure.accept(error);
        }
    }

    /** Marks the link dead and resets its stream; returns what was waiting, or null when it was dead already. */
    private List<Outgoing> terminate() {
        Stream open;
        List<Outgoing> dropped;
        synchronized (this) {
            if (dead) {
                return null;
            }
            dead = true;
            pendingWants.clear();
            dropped = new ArrayList<>(responses);
            responses.clear();
            open = openStream();
        }
        if (open != null) {
            open.reset();
        }
        return dropped;
    }

    /** The stream once it is open; null while it opens or after it failed to. */
    private Stream openStream() {
        return stream == null || !stream.isDone() || stream.isCompletedExceptionally() ? null : stream.join();
    }

    private static CompletionStage<Void> write(Stream stream, byte[] frame, int offset) {
        int length = Math.min(WRITE_CHUNK, frame.length - offset);
        byte[] piece = offset == 0 && length == frame.length ? frame : Arrays.copyOfRange(frame, offset, offset + length);
        CompletionStage<Void> written = stream.write(piece);
        int next = offset + length;
        return next >= frame.length ? written : written.thenCompose(v -> write(stream, frame, next));
    }
}
