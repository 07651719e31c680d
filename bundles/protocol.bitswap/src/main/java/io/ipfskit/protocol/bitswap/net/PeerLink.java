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
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Our long-lived outbound stream to a peer, opened on first use on the newest Bitswap version the peer speaks.
 * Want-list changes are staged, coalesced per CID, and sent on {@link #flush} ahead of server responses, which follow
 * one at a time. Nothing is written
 * before the previous write completed, so a peer that reads slowly is sent to slowly (today's backpressure: the
 * CompletionStage of {@link Stream#write}). A stream the peer drops (Helia resets an idle one after 5 s) is replaced on
 * next use, and the new one starts with our full want-list; a stream that cannot be opened kills the link.
 */
public final class PeerLink {

    /** The most want-list changes put in one message. */
    static final int MAX_ENTRIES_PER_MESSAGE = 512;
    /** Writes are handed to the stream in pieces of at most this size (muxers bound what one stream may queue). */
    static final int WRITE_CHUNK = 1 << 20;
    /** Unsent want-list changes beyond which the peer counts as not reading: the link fails. */
    static final int MAX_PENDING_CHANGES = 16 * MAX_ENTRIES_PER_MESSAGE;
    /** Streams lost in a row, without a write completing in between, before the link gives up. */
    static final int MAX_LOSSES = 3;

    /** A response to send: its frame when it was encoded already (the version known), else the message. */
    private record Outgoing(BitswapMessage message, byte[] frame, CompletableFuture<Void> done) {

        byte[] encode(Dialect dialect) {
            return frame != null ? frame : MessageCodec.frame(message, dialect);
        }
    }

    private final PeerId peer;
    private final Function<PeerLink, CompletionStage<Stream>> opener;
    private final Consumer<Throwable> onFailure;
    /** What the peer should hold from us: restated as a full want-list on a new stream. */
    private final Map<Cid, WantEntry> current = new LinkedHashMap<>();
    private final Map<Cid, WantEntry> pendingWants = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> responses = new ArrayDeque<>();
    private CompletableFuture<Stream> stream;
    private Dialect dialect;
    /** The next stream begins by restating our whole want-list. */
    private boolean restate;
    /** Changes were lost with a stream: open the next one without waiting for another change. */
    private boolean restateNow;
    private boolean writing;
    /** The response being written, if the write under way is one. */
    private CompletableFuture<Void> responseWriting;
    /** Whether the write under way carries want-list changes. */
    private boolean wantsWriting;
    private boolean dead;
    private int losses;

    /** A link that opens streams with {@code opener} and reports once to {@code onFailure} when it gives up. */
    PeerLink(PeerId peer, Function<PeerLink, CompletionStage<Stream>> opener, Consumer<Throwable> onFailure) {
        this.peer = peer;
        this.opener = opener;
        this.onFailure = onFailure;
    }

    /** The negotiated version, or null before a stream was opened. */
    public synchronized Dialect dialect() {
        return dialect;
    }

    /** Whether the link gave up or was closed. */
    public synchronized boolean dead() {
        return dead;
    }

    /** Stages a want (or a want-have) for the next message; replaces an unsent change for the CID. Send with {@link #flush}. */
    public void want(WantEntry entry) {
        change(entry, true);
    }

    /** Stages a cancel for the next message. Send with {@link #flush}. */
    public void cancel(Cid cid) {
        change(WantEntry.cancel(cid), false);
    }

    /** Sends the staged changes (in one message, unless a write is under way: then with the next). */
    public void flush() {
        pump();
    }

    private void change(WantEntry entry, boolean holds) {
        boolean overflow;
        synchronized (this) {
            if (dead) {
                return;
            }
            if (holds) {
                current.put(entry.cid(), entry);
            } else {
                current.remove(entry.cid());
            }
            pendingWants.put(entry.cid(), entry);
            overflow = pendingWants.size() > MAX_PENDING_CHANGES;
        }
        if (overflow) {
            fail(new IOException("more than " + MAX_PENDING_CHANGES + " want-list changes wait for " + peer + " to read"));
        }
    }

    /**
     * Queues a server response, encoded here (on the caller's thread, not the event loop's) once the peer's version is
     * known; the stage completes once it was handed to the stream, or fails with the stream.
     */
    public CompletableFuture<Void> send(BitswapMessage response) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Dialect known = dialect();
        byte[] frame = known == null ? null : MessageCodec.frame(response, known);
        synchronized (this) {
            if (dead) {
                done.completeExceptionally(new IllegalStateException("the bitswap link to " + peer + " is closed"));
                return done;
            }
            responses.add(new Outgoing(response, frame, done));
        }
        pump();
        return done;
    }

    /**
     * The stream was reset or a write to it failed: what waited on it fails; the next use opens a new stream that first
     * restates our whole want-list (the peer keeps its ledger of us across streams, but a change may have been lost).
     */
    void lost(Stream which, Throwable error) {
        List<Outgoing> dropped;
        boolean giveUp;
        boolean changesLost;
        synchronized (this) {
            if (dead || openStream() != which) {
                return;
            }
            changesLost = wantsWriting || !pendingWants.isEmpty();
            stream = null;
            writing = false;
            wantsWriting = false;
            restate = true;
            restateNow = changesLost;
            dropped = new ArrayList<>(responses);
            responses.clear();
            if (responseWriting != null) {
                dropped.add(new Outgoing(null, null, responseWriting));
                responseWriting = null;
            }
            giveUp = ++losses > MAX_LOSSES;
        }
        which.reset();
        dropped.forEach(o -> o.done().completeExceptionally(error));
        if (giveUp) {
            fail(error);
        } else if (changesLost) {
            pump();
        }
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
            if (writing || dead || (pendingWants.isEmpty() && responses.isEmpty() && !restateNow)) {
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
                frame = restate ? restated() : changes();
                boolean wants = frame != null;
                if (!wants) {
                    Outgoing next = responses.poll();
                    if (next == null) {
                        return;
                    }
                    frame = next.encode(dialect);
                    done = next.done();
                }
                writing = true;
                wantsWriting = wants;
                responseWriting = done;
            }
        }
        if (opening != null) {
            open(opening);
            return;
        }
        CompletableFuture<Void> completion = done;
        write(open, frame, 0).whenComplete((v, error) -> written(open, completion, error));
    }

    /** Our whole want-list, replacing what the peer holds (a new stream after one was lost). */
    private byte[] restated() {
        restate = false;
        restateNow = false;
        pendingWants.clear();
        return MessageCodec.frame(BitswapMessage.wants(carried(current.values()), true), dialect);
    }

    /** The next want-list changes (at most a message's worth), or null. */
    private byte[] changes() {
        List<WantEntry> entries = new ArrayList<>();
        Iterator<WantEntry> pending = pendingWants.values().iterator();
        while (pending.hasNext() && entries.size() < MAX_ENTRIES_PER_MESSAGE) {
            entries.add(pending.next());
            pending.remove();
        }
        entries = carried(entries);
        return entries.isEmpty() ? null : MessageCodec.frame(BitswapMessage.wants(entries, false), dialect);
    }

    /** The entries this version can carry: want-haves exist from 1.2.0 on. */
    private List<WantEntry> carried(Collection<WantEntry> entries) {
        return entries.stream().filter(e -> e.cancel() || e.type() == WantType.BLOCK || dialect.presences()).toList();
    }

    private void open(CompletableFuture<Stream> opening) {
        opener.apply(this).whenComplete((s, error) -> {
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

    private void written(Stream on, CompletableFuture<Void> done, Throwable error) {
        if (error != null) {
            if (done != null) {
                done.completeExceptionally(error);
            }
            lost(on, error);
            return;
        }
        synchronized (this) {
            if (openStream() == on) {
                writing = false;
                wantsWriting = false;
                responseWriting = null;
                losses = 0;
            }
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
            current.clear();
            pendingWants.clear();
            dropped = new ArrayList<>(responses);
            responses.clear();
            if (responseWriting != null) {
                dropped.add(new Outgoing(null, null, responseWriting));
                responseWriting = null;
            }
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
