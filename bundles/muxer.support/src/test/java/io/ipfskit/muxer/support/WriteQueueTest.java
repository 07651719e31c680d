package io.ipfskit.muxer.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WriteQueueTest {

    private final WriteQueue queue = new WriteQueue("stream 1", 1000);
    private final List<ByteBuf> sent = new ArrayList<>();

    /** A write as a muxer makes it: admitted on the writer's thread, then queued. */
    private CompletableFuture<Void> add(int length) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ByteBuf data = Unpooled.wrappedBuffer(new byte[length]);
        if (queue.admit(data, done)) {
            queue.add(data, done);
        }
        return done;
    }

    /** Drains with a fixed budget for this call. */
    private long drain(long budget, int maxPiece) {
        long before = sent.stream().mapToLong(ByteBuf::readableBytes).sum();
        return queue.drain(() -> budget - (sent.stream().mapToLong(ByteBuf::readableBytes).sum() - before), maxPiece,
                () -> true, sent::add);
    }

    @Test
    void aWritePastTheLimitFailsAndIsReleasedWhileEarlierOnesStay() {
        add(600);
        ByteBuf over = Unpooled.buffer(401).writeZero(401);
        CompletableFuture<Void> refused = new CompletableFuture<>();
        assertFalse(queue.admit(over, refused));
        assertTrue(refused.isCompletedExceptionally());
        assertEquals(0, over.refCnt(), "the refused buffer is released");
        assertEquals(600, queue.bytes());
        assertFalse(add(400).isCompletedExceptionally(), "exactly the limit fits");
    }

    @Test
    void aWriteIsCountedWhenItIsMadeBeforeTheEventLoopQueuesIt() {
        ByteBuf data = Unpooled.wrappedBuffer(new byte[501]);
        CompletableFuture<Void> done = new CompletableFuture<>();
        assertTrue(queue.admit(data, done));
        assertFalse(queue.writable(), "the writer sees the queue full at once");
        assertTrue(queue.add(data, done));
        assertEquals(501, drain(1000, 1000));
        assertTrue(queue.writable());
    }

    @Test
    void anAdmittedWriteRefusedWhenQueuedIsNoLongerCounted() {
        ByteBuf data = Unpooled.buffer(600).writeZero(600);
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.admit(data, done);
        queue.refuseMore(new IOException("closed for writing"));
        assertFalse(queue.add(data, done));
        assertTrue(done.isCompletedExceptionally());
        assertEquals(0, data.refCnt());
        assertEquals(0, queue.bytes());
    }

    @Test
    void writabilityTurnsOffAboveHalfAndBackOnAtAQuarterWithTheWaiterCompleted() {
        add(500);
        assertTrue(queue.writable(), "half the limit is still writable");
        add(1);
        assertFalse(queue.writable());
        CompletableFuture<Void> waiter = queue.whenWritable().toCompletableFuture();
        drain(200, 1000);
        assertFalse(queue.writable(), "301 bytes left: above a quarter");
        assertFalse(waiter.isDone());
        drain(51, 1000);
        assertTrue(queue.writable());
        assertTrue(waiter.isDone());
        assertTrue(queue.whenWritable().toCompletableFuture().isDone());
    }

    @Test
    void drainStopsAtTheBudgetSplitsIntoPiecesAndCompletesAWriteAfterItsLastPiece() {
        CompletableFuture<Void> first = add(250);
        CompletableFuture<Void> second = add(10);
        List<Boolean> doneWhenHanded = new ArrayList<>();
        long handed = queue.drain(() -> 200 - sent.stream().mapToLong(ByteBuf::readableBytes).sum(), 100, () -> true, piece -> {
            doneWhenHanded.add(first.isDone());
            sent.add(piece);
        });
        assertEquals(200, handed);
        assertEquals(List.of(100, 100), sent.stream().map(ByteBuf::readableBytes).toList());
        assertEquals(List.of(false, false), doneWhenHanded);
        assertFalse(first.isDone());
        assertEquals(60, drain(1000, 100));
        assertTrue(first.isDone() && second.isDone());
        assertEquals(List.of(100, 100, 50, 10), sent.stream().map(ByteBuf::readableBytes).toList());
        assertTrue(queue.isEmpty());
    }

    @Test
    void theBudgetIsAskedBeforeEachPieceSoWhatTheSinkSpendsElsewhereCounts() {
        add(500);
        long[] window = {250};
        long handed = queue.drain(() -> window[0], 100, () -> true, piece -> {
            window[0] -= piece.readableBytes() + 50;
            sent.add(piece);
        });
        assertEquals(List.of(100, 100), sent.stream().map(ByteBuf::readableBytes).toList(),
                "250, less 150 after the first piece, less 150 after the second: nothing left for a third");
        assertEquals(200, handed);
    }

    @Test
    void drainHandsNothingWhileTheChannelIsClosedToWrites() {
        CompletableFuture<Void> write = add(10);
        assertEquals(0, queue.drain(() -> 1000, 100, () -> false, sent::add));
        assertFalse(write.isDone());
        assertTrue(sent.isEmpty());
    }

    @Test
    void anEmptyWriteCompletesWhenItsTurnComesEvenWithoutBudget() {
        CompletableFuture<Void> empty = add(0);
        assertEquals(0, drain(0, 100));
        assertTrue(empty.isDone());
        assertTrue(sent.isEmpty());
    }

    @Test
    void refusingMoreKeepsWhatIsQueuedAndFailsWaiters() {
        add(600);
        CompletableFuture<Void> waiter = queue.whenWritable().toCompletableFuture();
        queue.refuseMore(new IOException("closed for writing"));
        assertTrue(waiter.isCompletedExceptionally());
        assertTrue(add(1).isCompletedExceptionally());
        assertEquals(600, drain(1000, 1000));
        assertTrue(queue.whenWritable().toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void abortFailsAndReleasesEveryQueuedWrite() {
        ByteBuf data = Unpooled.buffer(10).writeZero(10);
        CompletableFuture<Void> write = new CompletableFuture<>();
        queue.admit(data, write);
        queue.add(data, write);
        queue.abort(new IOException("reset"));
        assertTrue(write.isCompletedExceptionally());
        assertEquals(0, data.refCnt());
        assertEquals(0, queue.bytes());
        assertTrue(queue.isEmpty());
    }
}
