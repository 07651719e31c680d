package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.testkit.EmbeddedPair;
import io.ipfskit.testkit.TestNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Noise transport messages after the handshake: what is written is packed into full messages. */
class NoiseTransportTest {

    private final EmbeddedPair pair = new EmbeddedPair();

    @BeforeEach
    void handshake() {
        new NoiseSecureChannel(new TestNode()).secure(pair.initiator, true, null);
        new NoiseSecureChannel(new TestNode()).secure(pair.responder, false, null);
        pair.pump();
    }

    /** The initiator's outbound bytes, in one buffer. */
    private ByteBuf wire() {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part; (part = pair.initiator.readOutbound()) != null; part.release()) {
            all.writeBytes(part);
        }
        return all;
    }

    /** The lengths of the Noise messages in the buffer (which it leaves unread). */
    private static List<Integer> messageLengths(ByteBuf wire) {
        List<Integer> lengths = new ArrayList<>();
        for (int i = wire.readerIndex(); i < wire.writerIndex(); i += 2 + wire.getUnsignedShort(i)) {
            lengths.add(wire.getUnsignedShort(i));
        }
        return lengths;
    }

    private static byte[] plaintext(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readInbound()) != null; part.release()) {
            all.writeBytes(part);
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    @Test
    void writesBetweenFlushesArePackedIntoFullMessagesAndEachCompletesWithItsLastByte() {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        List<ChannelFuture> writes = new ArrayList<>();
        for (int offset = 0; offset < data.length; offset += 1000) {
            writes.add(pair.initiator.write(Unpooled.wrappedBuffer(data, offset, 1000)));
        }
        assertFalse(writes.get(0).isDone(), "nothing is sent before the flush");
        long queued = pair.initiator.unsafe().outboundBuffer().totalPendingWriteBytes();
        assertTrue(queued >= 3L * (2 + NoiseFrames.MAX_MESSAGE) && queued < 4L * (2 + NoiseFrames.MAX_MESSAGE),
                "but each full message is sealed and queued on the channel at once, so its writability counts it: " + queued);
        pair.initiator.flush();
        assertTrue(writes.stream().allMatch(ChannelFuture::isSuccess));
        ByteBuf wire = wire();
        int full = NoiseFrames.MAX_MESSAGE;
        assertEquals(List.of(full, full, full, data.length - 3 * NoiseFrames.MAX_PLAINTEXT + CipherState.TAG),
                messageLengths(wire), "200 writes of 1000 bytes in four messages, three of them full");
        pair.responder.writeInbound(wire);
        assertArrayEquals(data, plaintext(pair.responder));
    }

    @Test
    void messagesSplitAnywhereAcrossReadsAreOpened() {
        byte[] data = new byte[150_000];
        new Random(4).nextBytes(data);
        pair.initiator.writeAndFlush(Unpooled.wrappedBuffer(data));
        pair.initiator.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {42}));
        ByteBuf wire = wire();
        Random cuts = new Random(5);
        while (wire.isReadable()) {
            pair.responder.writeInbound(wire.readRetainedSlice(Math.min(wire.readableBytes(), 1 + cuts.nextInt(7000))));
        }
        wire.release();
        byte[] expected = new byte[data.length + 1];
        System.arraycopy(data, 0, expected, 0, data.length);
        expected[data.length] = 42;
        assertArrayEquals(expected, plaintext(pair.responder));
        assertTrue(pair.responder.isActive());
    }

    @Test
    void anIdleConnectionHoldsNoReceiveBufferAndAHalfGatheredMessageOnlyItsOwnLength() {
        NoiseDecoder decoder = pair.responder.pipeline().get(NoiseDecoder.class);
        pair.initiator.writeAndFlush(Unpooled.wrappedBuffer(new byte[100_000]));
        pair.pump();
        assertEquals(100_000, plaintext(pair.responder).length);
        assertEquals(0, decoder.heldBytes(), "the read ended between messages: nothing is held");
        byte[] data = new byte[1000];
        new Random(6).nextBytes(data);
        pair.initiator.writeAndFlush(Unpooled.wrappedBuffer(data));
        ByteBuf wire = wire();
        pair.responder.writeInbound(wire.readRetainedSlice(500));
        assertEquals(1000 + CipherState.TAG, decoder.heldBytes(), "half a message: an array of its length");
        pair.responder.writeInbound(wire);
        assertArrayEquals(data, plaintext(pair.responder));
        assertEquals(0, decoder.heldBytes());
    }

    @Test
    void connectionsOnOneThreadSealTheirOwnMessagesWhileTheirWritesInterleave() {
        EmbeddedPair other = new EmbeddedPair();
        new NoiseSecureChannel(new TestNode()).secure(other.initiator, true, null);
        new NoiseSecureChannel(new TestNode()).secure(other.responder, false, null);
        other.pump();
        byte[] mine = new byte[150_000];
        byte[] theirs = new byte[150_000];
        new Random(7).nextBytes(mine);
        new Random(8).nextBytes(theirs);
        for (int offset = 0; offset < mine.length; offset += 30_000) {
            pair.initiator.write(Unpooled.wrappedBuffer(mine, offset, 30_000));
            other.initiator.write(Unpooled.wrappedBuffer(theirs, offset, 30_000));
        }
        pair.initiator.flush();
        other.initiator.flush();
        pair.pump();
        other.pump();
        assertArrayEquals(mine, plaintext(pair.responder));
        assertArrayEquals(theirs, plaintext(other.responder));
    }

    @Test
    void aMessageShorterThanItsTagClosesTheChannel() {
        pair.injectToResponder(Unpooled.wrappedBuffer(new byte[] {0, 15}));
        assertFalse(pair.responder.isActive());
    }
}
