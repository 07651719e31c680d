package io.ipfskit.muxer.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEventsTest {

    /** Records what it is handed, as text. */
    private static final class Recorder implements MuxedStream.Handler {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onData(ByteBuf data) {
            seen.add(data.toString(StandardCharsets.US_ASCII));
            data.release();
        }

        @Override
        public void onRemoteClose() {
            seen.add("close");
        }

        @Override
        public void onReset() {
            seen.add("reset");
        }
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void eventsBeforeTheHandlerReachItInOrderThenFlowStraightThrough() {
        StreamEvents events = new StreamEvents();
        events.data(text("a"));
        events.data(text("b"));
        events.remoteClose();
        assertFalse(events.handled());
        Recorder recorder = new Recorder();
        events.handler(recorder);
        assertTrue(events.handled());
        assertEquals(List.of("a", "b", "close"), recorder.seen);
        events.reset();
        assertEquals(List.of("a", "b", "close", "reset"), recorder.seen);
    }

    @Test
    void aResetBeforeTheHandlerDropsTheWaitingDataAndIsDeliveredAlone() {
        StreamEvents events = new StreamEvents();
        ByteBuf waiting = text("dropped");
        events.data(waiting);
        events.reset();
        assertEquals(0, waiting.refCnt(), "the waiting data was released");
        Recorder recorder = new Recorder();
        events.handler(recorder);
        assertEquals(List.of("reset"), recorder.seen);
    }
}
