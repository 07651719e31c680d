package io.ipfskit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link StreamMuxer} must do, run over two embedded channels; each muxer's test extends it. */
public abstract class MuxerConformance {

    /** A muxer allowing at most {@code maxStreams} open streams per connection. */
    protected abstract StreamMuxer muxer(int maxStreams);

    private final EmbeddedPair pair = new EmbeddedPair();
    private final List<MuxedStream> acceptedByA = new ArrayList<>();
    private final List<MuxedStream> acceptedByB = new ArrayList<>();
    private MuxedConnection a;
    private MuxedConnection b;

    private void start(int limitA, int limitB) {
        a = muxer(limitA).start(pair.initiator, true, acceptedByA::add);
        b = muxer(limitB).start(pair.responder, false, acceptedByB::add);
        pair.pump();
    }

    private MuxedStream open(MuxedConnection connection) {
        CompletableFuture<MuxedStream> s = connection.openStream().toCompletableFuture();
        pair.pump();
        return s.join();
    }

    private static void send(MuxedStream stream, byte[] bytes) {
        stream.write(Unpooled.wrappedBuffer(bytes));
    }

    @Test
    void writesWaitWhileTheConnectionIsNotWritable() {
        start(16, 16);
        MuxedStream out = open(a);
        pair.pump();
        pair.initiator.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        CompletableFuture<Void> held = out.write(Unpooled.wrappedBuffer("held back".getBytes())).toCompletableFuture();
        pair.initiator.runPendingTasks();
        assertFalse(held.isDone(), "a write waits while the channel is not writable");
        assertEquals(0, pair.pump(), "nothing is handed to an unwritable channel");

        pair.initiator.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        pair.pump();
        assertTrue(held.isDone(), "the write goes once the channel drains");
        StreamRecorder atB = new StreamRecorder();
        atB.attach(acceptedByB.get(0));
        pair.pump();
        assertEquals("held back", atB.data.toString());
    }

    @Test
    void streamCarriesDataBothWaysInOrder() {
        start(16, 16);
        MuxedStream out = open(a);
        StreamRecorder atA = new StreamRecorder();
        atA.attach(out);
        send(out, "hello ".getBytes());
        send(out, "world".getBytes());
        pair.pump();
        assertEquals(1, acceptedByB.size());
        StreamRecorder atB = new StreamRecorder();
        atB.attach(acceptedByB.get(0));
        send(acceptedByB.get(0), "back".getBytes());
        pair.pump();
        assertEquals("hello world", atB.data.toString());
        assertEquals("back", atA.data.toString());
    }

    @Test
    void halfCloseReachesTheRemoteAndBothClosesReleaseTheStream() {
        start(16, 16);
        MuxedStream out = open(a);
        StreamRecorder atA = new StreamRecorder();
        atA.attach(out);
        send(out, "x".getBytes());
        out.closeWrite();
        pair.pump();
        StreamRecorder atB = new StreamRecorder();
        atB.attach(acceptedByB.get(0));
        pair.pump();
        assertTrue(atB.remoteClosed);
        assertEquals("x", atB.data.toString());
        send(acceptedByB.get(0), "y".getBytes());
        acceptedByB.get(0).closeWrite();
        pair.pump();
        assertEquals("y", atA.data.toString());
        assertTrue(atA.remoteClosed);
        assertEquals(0, a.streamCount());
        assertEquals(0, b.streamCount());
        assertTrue(out.write(Unpooled.wrappedBuffer(new byte[1])).toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void resetReachesTheRemote() {
        start(16, 16);
        MuxedStream out = open(a);
        new StreamRecorder().attach(out);
        send(out, "x".getBytes());
        pair.pump();
        StreamRecorder atB = new StreamRecorder();
        atB.attach(acceptedByB.get(0));
        out.reset();
        pair.pump();
        assertTrue(atB.reset);
        assertEquals(0, b.streamCount());
    }

    @Test
    void largeTransferBeyondTheInitialWindowArrivesIntact() {
        start(16, 16);
        MuxedStream out = open(a);
        new StreamRecorder().attach(out);
        pair.pump();
        StreamRecorder atB = new StreamRecorder();
        atB.attach(acceptedByB.get(0));
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int offset = 0; offset < big.length; offset += 100_000) {
            int length = Math.min(100_000, big.length - offset);
            writes.add(out.write(Unpooled.wrappedBuffer(big, offset, length)).toCompletableFuture());
        }
        pair.pump();
        writes.forEach(CompletableFuture::join);
        assertArrayEquals(big, atB.data.toByteArray());
    }

    @Test
    void concurrentStreamsStayApart() {
        start(64, 64);
        List<MuxedStream> outs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            MuxedStream s = open(a);
            new StreamRecorder().attach(s);
            outs.add(s);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < outs.size(); i++) {
                send(outs.get(i), ("s" + i + ";").getBytes());
            }
        }
        pair.pump();
        assertEquals(40, acceptedByB.size());
        for (int i = 0; i < 40; i++) {
            StreamRecorder r = new StreamRecorder();
            r.attach(acceptedByB.get(i));
            String one = "s" + i + ";";
            assertEquals(one + one + one, r.data.toString());
        }
    }

    @Test
    void inboundStreamsBeyondTheLimitAreRefused() {
        start(32, 4);
        List<StreamRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MuxedStream s = open(a);
            StreamRecorder r = new StreamRecorder();
            r.attach(s);
            recorders.add(r);
            send(s, "data".getBytes());
        }
        pair.pump();
        assertEquals(4, acceptedByB.size());
        assertEquals(4, b.streamCount());
        assertEquals(2, recorders.stream().filter(r -> r.reset).count());
        assertTrue(pair.responder.isActive());
    }

    @Test
    void closingTheConnectionResetsItsStreams() {
        start(16, 16);
        MuxedStream out = open(a);
        StreamRecorder atA = new StreamRecorder();
        atA.attach(out);
        pair.pump();
        StreamRecorder atB = new StreamRecorder();
        atB.attach(acceptedByB.get(0));
        a.close();
        pair.pump();
        assertTrue(atA.reset);
        assertTrue(atB.reset);
        assertFalse(pair.responder.isActive());
        assertTrue(a.openStream().toCompletableFuture().isCompletedExceptionally());
    }
}
