package io.ipfskit.muxer.yamux;

import static io.ipfskit.muxer.yamux.YamuxWire.data;
import static io.ipfskit.muxer.yamux.YamuxWire.goAwayCodes;
import static io.ipfskit.muxer.yamux.YamuxWire.header;
import static io.ipfskit.muxer.yamux.YamuxWire.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.ipfskit.muxer.yamux.YamuxWire.Frame;
import io.ipfskit.testkit.StreamRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A yamux session (the listening side, so remote streams are odd) against hand-built frames (hashicorp/yamux spec):
 * receive windows to the byte, RST, GO_AWAY, and every protocol violation answered with GO_AWAY and a close.
 */
class YamuxWireTest {

    private static final int MAX_STREAMS = 8;
    private static final int MAX_WINDOW = 16 * 1024 * 1024;
    private static final int WINDOW = YamuxSettings.INITIAL_WINDOW;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<MuxedStream> accepted = new ArrayList<>();
    private final MuxedConnection session =
            new YamuxMuxer(MAX_STREAMS, MAX_WINDOW, 4 * 1024 * 1024).start(channel, false, accepted::add);

    YamuxWireTest() {
        sent(channel); // the opening ping
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private void receive(ByteBuf... frames) {
        for (ByteBuf frame : frames) {
            channel.writeInbound(frame);
        }
    }

    /** The remote opens a stream; a null recorder leaves it without handler, so nothing is consumed or granted. */
    private MuxedStream remoteOpens(int id, StreamRecorder recorder) {
        receive(header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.SYN, id, 0));
        MuxedStream stream = accepted.get(accepted.size() - 1);
        if (recorder != null) {
            recorder.attach(stream);
        }
        return stream;
    }

    private void assertEndedWithProtocolError() {
        assertEquals(List.of(YamuxFrame.GO_AWAY_PROTOCOL_ERROR), goAwayCodes(sent(channel)));
        assertFalse(channel.isActive());
    }

    private static long granted(List<Frame> frames, int id) {
        return frames.stream().filter(f -> f.type() == YamuxFrame.WINDOW_UPDATE && f.streamId() == id)
                .mapToLong(Frame::length).sum();
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void theInitialWindowIsEnforcedToTheByte() {
        MuxedStream stream = remoteOpens(1, null);
        receive(data(0, 1, new byte[WINDOW]));
        assertEquals(List.of(), goAwayCodes(sent(channel)));
        assertTrue(channel.isActive(), "exactly the initial window is allowed");

        receive(data(0, 1, new byte[1]));
        assertEndedWithProtocolError();
        StreamRecorder late = new StreamRecorder();
        late.attach(stream);
        assertTrue(late.reset, "the session's streams are reset");
    }

    @Test
    void grantedWindowIsHonouredAndOneByteBeyondItEndsTheSession() {
        StreamRecorder recorder = new StreamRecorder();
        remoteOpens(1, recorder);
        sent(channel);
        long credit = WINDOW;
        long delivered = 0;
        while (delivered < 3L * 1024 * 1024) {
            assertTrue(credit > 0 && credit < MAX_WINDOW, "credit " + credit);
            receive(data(0, 1, new byte[(int) credit]));
            delivered += credit;
            credit = granted(sent(channel), 1);
            assertTrue(channel.isActive(), "sending all of the granted window is allowed");
        }
        assertTrue(credit > WINDOW, "the window grew for a stream that is read fast: " + credit);

        receive(data(0, 1, new byte[(int) credit + 1]));
        assertEndedWithProtocolError();
        assertEquals(delivered, recorder.data.size(), "nothing of the overrunning frame is delivered");
    }

    @Test
    void windowIsGrantedAsTheHandlerConsumesNotAsDataArrives() {
        StreamRecorder stalled = new StreamRecorder();
        MuxedStream stream = remoteOpens(1, null);
        stream.handler(stalled);
        sent(channel);
        receive(data(0, 1, new byte[WINDOW / 2]), data(0, 1, new byte[WINDOW / 2]));
        assertEquals(WINDOW, stalled.data.size(), "delivered");
        assertEquals(0, granted(sent(channel), 1), "nothing granted for bytes delivered but not consumed");

        stream.consumed(WINDOW / 2 - 1);
        assertEquals(0, granted(sent(channel), 1), "less than half the window consumed: no update yet");
        stream.consumed(1);
        long credit = granted(sent(channel), 1);
        assertTrue(credit >= WINDOW / 2, "consumed bytes are granted back: " + credit);
        receive(data(0, 1, new byte[(int) credit]));
        assertTrue(channel.isActive(), "the granted credit may be used");
        receive(data(0, 1, new byte[1]));
        assertEndedWithProtocolError();
    }

    @Test
    void writesMadeAsEarlierOnesCompleteStillStopAtTheSendWindow() {
        MuxedStream stream = remoteOpens(1, new StreamRecorder());
        stream.write(Unpooled.wrappedBuffer(new byte[WINDOW]));
        AtomicInteger chained = new AtomicInteger();
        Runnable[] writeNext = new Runnable[1];
        writeNext[0] = () -> {
            if (chained.incrementAndGet() <= 16) {
                stream.write(Unpooled.wrappedBuffer(new byte[100_000])).thenRun(writeNext[0]);
            }
        };
        writeNext[0].run();
        assertEquals(WINDOW, dataSent(sent(channel)), "the initial window, then nothing");

        receive(header(YamuxFrame.WINDOW_UPDATE, 0, 1, 250_000));
        assertEquals(250_000, dataSent(sent(channel)), "exactly the granted credit, though each completed write wrote again");
    }

    private static long dataSent(List<Frame> frames) {
        return frames.stream().filter(f -> f.type() == YamuxFrame.DATA && f.streamId() == 1).mapToLong(Frame::length).sum();
    }

    @Test
    void writabilityEventsFiredWhileAFrameIsWrittenNeitherSplitItNorOverspendTheWindow() {
        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
                ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, true);
                ctx.write(msg, promise);
            }
        });
        MuxedStream stream = remoteOpens(1, new StreamRecorder());
        sent(channel);
        for (int i = 0; i < 5; i++) {
            stream.write(Unpooled.wrappedBuffer(new byte[100_000]));
        }
        stream.closeWrite();
        List<Frame> frames = sent(channel);
        assertEquals(WINDOW, dataSent(frames), "the window, spent once");
        receive(header(YamuxFrame.WINDOW_UPDATE, 0, 1, 500_000));
        frames = sent(channel);
        assertEquals(500_000 - WINDOW, dataSent(frames), "the rest, then the FIN after the last data");
        assertEquals(new Frame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN, 1, 0), frames.get(frames.size() - 1));
    }

    @Test
    void rstResetsExactlyThatStream() {
        StreamRecorder one = new StreamRecorder();
        StreamRecorder three = new StreamRecorder();
        remoteOpens(1, one);
        MuxedStream reset = remoteOpens(3, three);
        sent(channel);

        receive(header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST, 3, 0));
        assertTrue(three.reset);
        assertFalse(one.reset);
        assertEquals(1, session.streamCount());
        assertTrue(reset.write(text("late")).toCompletableFuture().isCompletedExceptionally());
        receive(data(0, 1, "still open".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("still open", one.data.toString());
        assertEquals(List.of(), sent(channel), "nothing is sent for the reset stream");
        assertTrue(channel.isActive());
    }

    @Test
    void aLocalResetSendsRstForThatStreamOnly() {
        remoteOpens(1, new StreamRecorder());
        remoteOpens(3, new StreamRecorder());
        sent(channel);
        accepted.get(0).reset();
        assertEquals(List.of(new Frame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST, 1, 0)), sent(channel));
        assertEquals(1, session.streamCount());
    }

    @Test
    void goAwayStopsNewStreamsAndLetsOpenOnesFinish() {
        StreamRecorder theirs = new StreamRecorder();
        MuxedStream inbound = remoteOpens(1, theirs);
        MuxedStream ours = session.openStream().toCompletableFuture().join();
        StreamRecorder oursRecorder = new StreamRecorder();
        oursRecorder.attach(ours);
        receive(header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.ACK, 2, 0));
        sent(channel);

        receive(header(YamuxFrame.GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_NORMAL));
        assertTrue(session.openStream().toCompletableFuture().isCompletedExceptionally(), "no new outbound stream");
        receive(header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.SYN, 5, 0));
        assertEquals(1, accepted.size(), "no new inbound stream");
        assertEquals(List.of(new Frame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST, 5, 0)), sent(channel));

        receive(data(0, 1, "in".getBytes(StandardCharsets.US_ASCII)), data(0, 2, "back".getBytes(StandardCharsets.US_ASCII)));
        ours.write(text("out"));
        inbound.write(text("reply"));
        assertEquals("in", theirs.data.toString());
        assertEquals("back", oursRecorder.data.toString());
        assertEquals(List.of(new Frame(YamuxFrame.DATA, 0, 2, 3, "out"), new Frame(YamuxFrame.DATA, 0, 1, 5, "reply")),
                sent(channel));

        receive(header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN, 1, 0), header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN, 2, 0));
        inbound.closeWrite();
        ours.closeWrite();
        assertEquals(List.of(new Frame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN, 1, 0),
                new Frame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.FIN, 2, 0)), sent(channel));
        assertTrue(theirs.remoteClosed && oursRecorder.remoteClosed);
        assertEquals(0, session.streamCount(), "both streams finished");
        assertTrue(channel.isActive(), "GO_AWAY alone closes nothing");
    }

    @Test
    void closingSendsGoAwayNormal() {
        session.close();
        assertEquals(List.of(YamuxFrame.GO_AWAY_NORMAL), goAwayCodes(sent(channel)));
        assertFalse(channel.isActive());
    }

    static Stream<Named<ByteBuf[]>> violations() {
        return Stream.of(
                Named.of("version 1", new ByteBuf[] {Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0})}),
                Named.of("frame type 4", new ByteBuf[] {header(4, 0, 0, 0)}),
                Named.of("SYN with the listener's parity", new ByteBuf[] {header(YamuxFrame.DATA, YamuxFrame.SYN, 2, 0)}),
                Named.of("SYN for an open stream", new ByteBuf[] {
                    header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.SYN, 1, 0), header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.SYN, 1, 0)}),
                Named.of("DATA longer than any window, for no stream",
                        new ByteBuf[] {header(YamuxFrame.DATA, 0, 7, MAX_WINDOW + 1L)}));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void aProtocolViolationEndsTheSessionWithGoAwayAndResetsItsStreams(ByteBuf[] frames) {
        StreamRecorder open = new StreamRecorder();
        remoteOpens(11, open);
        sent(channel);
        receive(frames);
        assertEndedWithProtocolError();
        assertTrue(open.reset);
        assertEquals(0, session.streamCount());
    }

    @Test
    void theDiallerRefusesASynForStreamZeroThoughItHasTheListenersParity() {
        EmbeddedChannel dialler = new EmbeddedChannel();
        new YamuxMuxer(MAX_STREAMS, MAX_WINDOW, 1024).start(dialler, true, s -> { });
        sent(dialler);
        dialler.writeInbound(header(YamuxFrame.WINDOW_UPDATE, YamuxFrame.SYN, 0, 0));
        assertEquals(List.of(YamuxFrame.GO_AWAY_PROTOCOL_ERROR), goAwayCodes(sent(dialler)));
        assertFalse(dialler.isActive());
        dialler.finishAndReleaseAll();
    }

    @Test
    void aFailingStreamHandlerIsReportedNotSwallowed() {
        IllegalStateException bug = new IllegalStateException("handler bug");
        remoteOpens(1, null).handler(new MuxedStream.Handler() {
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
        sent(channel);
        IllegalStateException reported = assertThrows(IllegalStateException.class,
                () -> receive(data(0, 1, "x".getBytes(StandardCharsets.US_ASCII))));
        assertSame(bug, reported);
        assertEquals(List.of(YamuxFrame.GO_AWAY_INTERNAL_ERROR), goAwayCodes(sent(channel)));
        assertFalse(channel.isActive());
    }
}
