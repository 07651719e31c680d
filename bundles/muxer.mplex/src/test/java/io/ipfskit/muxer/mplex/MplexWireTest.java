package io.ipfskit.muxer.mplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.testkit.StreamRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mplex against hand-built bytes (libp2p/specs mplex): message layout, flags by role, limits, interleaving, resets. */
class MplexWireTest {

    private static final int MAX_STREAMS = 4;
    private static final int MAX_BUFFERED = 1000;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<MuxedStream> accepted = new ArrayList<>();
    private final MuxedConnection session =
            new MplexMuxer(MAX_STREAMS, MAX_BUFFERED).start(channel, false, accepted::add);

    /** One decoded message. */
    record Message(long id, int flag, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** Stream id and flag of a message. */
    record MessageKey(long id, int flag) {
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] message(long id, int flag, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, id << 3 | flag);
        varint(out, data.length);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private void receive(byte[]... messages) {
        for (byte[] m : messages) {
            channel.writeInbound(Unpooled.wrappedBuffer(m));
        }
    }

    private static long readVarint(ByteBuf in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    /** Everything written to the channel so far, in one buffer. */
    private static ByteBuf drain(EmbeddedChannel from) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part; (part = from.readOutbound()) != null; part.release()) {
            all.writeBytes(part);
        }
        return all;
    }

    /** Everything the session wrote so far, parsed independently of the code under test. */
    private List<Message> sent() {
        ByteBuf all = drain(channel);
        List<Message> messages = new ArrayList<>();
        while (all.isReadable()) {
            long header = readVarint(all);
            byte[] data = new byte[(int) readVarint(all)];
            all.readBytes(data);
            messages.add(new Message(header >>> 3, (int) (header & 7), data));
        }
        all.release();
        return messages;
    }

    private MuxedStream openLocal(StreamRecorder recorder) {
        MuxedStream stream = session.openStream().toCompletableFuture().join();
        recorder.attach(stream);
        return stream;
    }

    @Test
    void locallyOpenedStreamsSendInitiatorFlagsWithTheirId() {
        MuxedStream first = openLocal(new StreamRecorder());
        MuxedStream second = openLocal(new StreamRecorder());
        second.write(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8));
        second.closeWrite();
        first.reset();
        List<Message> out = sent();
        assertEquals(List.of(new MessageKey(0, MplexSession.NEW_STREAM), new MessageKey(1, MplexSession.NEW_STREAM),
                new MessageKey(1, MplexSession.MESSAGE_INITIATOR), new MessageKey(1, MplexSession.CLOSE_INITIATOR),
                new MessageKey(0, MplexSession.RESET_INITIATOR)), keys(out));
        assertEquals("hi", out.get(2).text());
        assertEquals(0, out.get(3).data().length);
        assertEquals(0, out.get(4).data().length);
    }

    @Test
    void remotelyOpenedStreamsAnswerWithReceiverFlags() {
        receive(message(9, MplexSession.NEW_STREAM, "nine".getBytes()));
        MuxedStream stream = accepted.get(0);
        stream.write(Unpooled.copiedBuffer("ok", StandardCharsets.UTF_8));
        stream.closeWrite();
        stream.reset();
        assertEquals(List.of(new MessageKey(9, MplexSession.MESSAGE_RECEIVER),
                new MessageKey(9, MplexSession.CLOSE_RECEIVER),
                new MessageKey(9, MplexSession.RESET_RECEIVER)), keys(sent()));
    }

    @Test
    void multiByteVarintsAndSplitReadsAreReassembled() {
        long id = 300;
        byte[] payload = new byte[200];
        new Random(1).nextBytes(payload);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(message(id, MplexSession.NEW_STREAM, new byte[0]));
        bytes.writeBytes(message(id, MplexSession.MESSAGE_INITIATOR, payload));
        StreamRecorder recorder = new StreamRecorder();
        for (byte b : bytes.toByteArray()) {
            boolean wasOpen = !accepted.isEmpty();
            receive(new byte[] {b});
            if (!wasOpen && !accepted.isEmpty()) {
                recorder.attach(accepted.get(0));
            }
        }
        assertArrayEquals(payload, recorder.data.toByteArray());
        accepted.get(0).closeWrite();
        assertEquals(id, sent().get(0).id());
    }

    @Test
    void largeWritesAreSplitIntoMessagesThatFitOneNoiseFrame() {
        MuxedStream stream = openLocal(new StreamRecorder());
        sent();
        byte[] big = new byte[200_000];
        new Random(2).nextBytes(big);
        assertTrue(stream.write(Unpooled.wrappedBuffer(big)).toCompletableFuture().isDone());
        List<Message> out = sent();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Message m : out) {
            assertEquals(MplexSession.MESSAGE_INITIATOR, m.flag());
            assertTrue(m.data().length <= MplexSession.MAX_DATA_FRAME, "message of " + m.data().length);
            joined.writeBytes(m.data());
        }
        assertEquals(4, out.size());
        assertArrayEquals(big, joined.toByteArray());
    }

    @Test
    void aMessageOfExactlyOneMebibyteIsAccepted() {
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        StreamRecorder recorder = new StreamRecorder();
        recorder.attach(accepted.get(0));
        receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[MplexSession.MAX_MESSAGE]));
        assertEquals(MplexSession.MAX_MESSAGE, recorder.data.size());
        assertTrue(channel.isActive());
    }

    @Test
    void anOversizedLengthClosesTheConnectionBeforeItsDataArrives() {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        varint(header, 1L << 3 | MplexSession.MESSAGE_INITIATOR);
        varint(header, MplexSession.MAX_MESSAGE + 1);
        receive(header.toByteArray());
        assertFalse(channel.isActive());
    }

    @Test
    void anUnknownFlagClosesTheConnection() {
        receive(message(1, 7, new byte[0]));
        assertFalse(channel.isActive());
    }

    @Test
    void anOverlongVarintClosesTheConnection() {
        byte[] tenBytes = new byte[10];
        Arrays.fill(tenBytes, (byte) 0xff);
        receive(tenBytes);
        assertFalse(channel.isActive());
    }

    @Test
    void openingTheSameRemoteStreamTwiceClosesTheConnectionAndResetsItsStreams() {
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        StreamRecorder recorder = new StreamRecorder();
        recorder.attach(accepted.get(0));
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        assertFalse(channel.isActive());
        assertTrue(recorder.reset);
        assertEquals(0, session.streamCount());
    }

    @Test
    void aStreamThatBuffersMoreThanTheBoundIsResetAndOthersCarryOn() {
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]), message(2, MplexSession.NEW_STREAM, new byte[0]));
        receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[MAX_BUFFERED]));
        assertTrue(sent().isEmpty());
        receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[1]));
        assertEquals(List.of(new MessageKey(1, MplexSession.RESET_RECEIVER)), keys(sent()));
        StreamRecorder late = new StreamRecorder();
        late.attach(accepted.get(0));
        assertTrue(late.reset);
        assertEquals(0, late.data.size());
        StreamRecorder other = new StreamRecorder();
        other.attach(accepted.get(1));
        receive(message(2, MplexSession.MESSAGE_INITIATOR, "still here".getBytes()));
        assertEquals("still here", other.data.toString());
        assertEquals(1, session.streamCount());
        assertTrue(channel.isActive());
    }

    @Test
    void aStreamHoldingMoreThanTheBoundUnreadStopsReadingTheConnectionUntilHalfIsConsumed() {
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        StreamRecorder stalled = new StreamRecorder();
        accepted.get(0).handler(stalled);
        receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[MAX_BUFFERED]));
        assertTrue(channel.config().isAutoRead(), "exactly the bound held unread");
        receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[1]));
        assertFalse(channel.config().isAutoRead(), "one byte more: the connection is no longer read");
        assertEquals(MAX_BUFFERED + 1, stalled.data.size(), "what arrived was delivered, not dropped or reset");
        assertFalse(stalled.reset);

        accepted.get(0).consumed(MAX_BUFFERED / 2);
        assertFalse(channel.config().isAutoRead(), "still more than half the bound unread");
        accepted.get(0).consumed(1);
        assertTrue(channel.config().isAutoRead(), "drained to half: reading again");
        receive(message(1, MplexSession.MESSAGE_INITIATOR, "more".getBytes()));
        assertEquals(MAX_BUFFERED + 5, stalled.data.size());
        assertTrue(sent().isEmpty(), "nothing was reset");
    }

    @Test
    void aResetStreamNoLongerHoldsTheConnection() {
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        accepted.get(0).handler(new StreamRecorder());
        receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[MAX_BUFFERED + 1]));
        assertFalse(channel.config().isAutoRead());
        receive(message(1, MplexSession.RESET_INITIATOR, new byte[0]));
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void emptyMessagesAreNotQueuedForAStreamWithoutHandler() {
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        for (int i = 0; i < 10_000; i++) {
            receive(message(1, MplexSession.MESSAGE_INITIATOR, new byte[0]));
        }
        receive(message(1, MplexSession.MESSAGE_INITIATOR, "x".getBytes()));
        List<Integer> deliveries = new ArrayList<>();
        accepted.get(0).handler(new MuxedStream.Handler() {
            @Override
            public void onData(ByteBuf buf) {
                deliveries.add(buf.readableBytes());
                buf.release();
            }

            @Override
            public void onRemoteClose() {
            }

            @Override
            public void onReset() {
            }
        });
        assertEquals(1, deliveries.size(), "empty messages must not be queued");
        assertEquals(1, deliveries.get(0));
    }

    @Test
    void streamsBeyondTheLimitAreResetWithoutClosingTheConnection() {
        for (int id = 0; id < MAX_STREAMS + 2; id++) {
            receive(message(id, MplexSession.NEW_STREAM, new byte[0]));
        }
        assertEquals(MAX_STREAMS, accepted.size());
        assertEquals(List.of(new MessageKey(4, MplexSession.RESET_RECEIVER),
                new MessageKey(5, MplexSession.RESET_RECEIVER)),
                keys(sent()));
        receive(message(5, MplexSession.MESSAGE_INITIATOR, "dropped".getBytes()));
        assertTrue(channel.isActive());
        assertTrue(session.openStream().toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void interleavedStreamsWithTheSameIdInBothDirectionsStayApart() {
        StreamRecorder ours = new StreamRecorder();
        openLocal(ours);
        receive(message(0, MplexSession.NEW_STREAM, new byte[0]));
        StreamRecorder theirs = new StreamRecorder();
        theirs.attach(accepted.get(0));
        for (int i = 0; i < 3; i++) {
            receive(message(0, MplexSession.MESSAGE_RECEIVER, ("a" + i).getBytes()),
                    message(0, MplexSession.MESSAGE_INITIATOR, ("b" + i).getBytes()));
        }
        assertEquals("a0a1a2", ours.data.toString());
        assertEquals("b0b1b2", theirs.data.toString());
        receive(message(0, MplexSession.RESET_RECEIVER, new byte[0]));
        assertTrue(ours.reset);
        assertFalse(theirs.reset);
        assertEquals(1, session.streamCount());
    }

    @Test
    void aRemoteResetFailsLaterWritesDropsLaterDataAndKeepsTheConnection() {
        StreamRecorder recorder = new StreamRecorder();
        MuxedStream stream = openLocal(recorder);
        receive(message(0, MplexSession.RESET_RECEIVER, new byte[0]));
        assertTrue(recorder.reset);
        receive(message(0, MplexSession.MESSAGE_RECEIVER, "late".getBytes()));
        assertEquals(0, recorder.data.size());
        assertTrue(stream.write(Unpooled.wrappedBuffer(new byte[1])).toCompletableFuture().isCompletedExceptionally());
        sent();
        stream.reset();
        assertTrue(sent().isEmpty(), "no reset is echoed for a stream the remote reset");
        assertTrue(channel.isActive());
        assertEquals(0, session.streamCount());
    }

    @Test
    void aHalfClosedStreamStillReceivesAndRemoteCloseFollowsItsData() {
        StreamRecorder recorder = new StreamRecorder();
        MuxedStream stream = openLocal(recorder);
        stream.closeWrite();
        assertTrue(stream.write(Unpooled.wrappedBuffer(new byte[1])).toCompletableFuture().isCompletedExceptionally());
        receive(message(0, MplexSession.MESSAGE_RECEIVER, "tail".getBytes()),
                message(0, MplexSession.CLOSE_RECEIVER, new byte[0]));
        assertEquals("tail", recorder.data.toString());
        assertTrue(recorder.remoteClosed);
        assertFalse(recorder.reset);
        assertEquals(0, session.streamCount());
    }

    @Test
    void randomlyInterleavedWritesSurviveRandomSegmentation() {
        Random random = new Random(42);
        EmbeddedChannel remote = new EmbeddedChannel();
        MuxedConnection dialer = new MplexMuxer(64, MAX_BUFFERED).start(remote, true, s -> { });
        List<MuxedStream> outs = new ArrayList<>();
        List<ByteArrayOutputStream> written = new ArrayList<>();
        for (int i = 0; i < MAX_STREAMS; i++) {
            outs.add(dialer.openStream().toCompletableFuture().join());
            written.add(new ByteArrayOutputStream());
        }
        for (int round = 0; round < 200; round++) {
            int i = random.nextInt(outs.size());
            byte[] chunk = new byte[random.nextInt(3000)];
            random.nextBytes(chunk);
            outs.get(i).write(Unpooled.wrappedBuffer(chunk));
            written.get(i).writeBytes(chunk);
        }
        outs.forEach(MuxedStream::closeWrite);
        ByteBuf wire = drain(remote);
        List<StreamRecorder> recorders = new ArrayList<>();
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(wire.readableBytes(), 1 + random.nextInt(700))));
            for (int i = recorders.size(); i < accepted.size(); i++) {
                recorders.add(new StreamRecorder());
                recorders.get(i).attach(accepted.get(i));
            }
        }
        wire.release();
        remote.finishAndReleaseAll();
        assertEquals(outs.size(), recorders.size());
        for (int i = 0; i < outs.size(); i++) {
            assertArrayEquals(written.get(i).toByteArray(), recorders.get(i).data.toByteArray(), "stream " + i);
            assertTrue(recorders.get(i).remoteClosed);
        }
    }

    @Test
    void aFailingStreamHandlerIsReportedNotSwallowed() {
        IllegalStateException bug = new IllegalStateException("handler bug");
        receive(message(1, MplexSession.NEW_STREAM, new byte[0]));
        accepted.get(0).handler(new MuxedStream.Handler() {
            @Override
            public void onData(ByteBuf buf) {
                buf.release();
                throw bug;
            }

            @Override
            public void onRemoteClose() {
            }

            @Override
            public void onReset() {
            }
        });
        IllegalStateException reported = assertThrows(IllegalStateException.class,
                () -> receive(message(1, MplexSession.MESSAGE_INITIATOR, "x".getBytes())));
        assertSame(bug, reported);
        assertFalse(channel.isActive());
    }

    private static List<MessageKey> keys(List<Message> messages) {
        return messages.stream().map(m -> new MessageKey(m.id(), m.flag())).toList();
    }
}
