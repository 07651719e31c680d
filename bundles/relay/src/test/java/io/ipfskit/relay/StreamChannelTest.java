package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.relay.wire.HopMessage;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relayed channel over a stream: bytes that came with the handshake message, writes, and the stream's end. */
class StreamChannelTest {

    private static final Multiaddr CIRCUIT = Multiaddr.parse("/p2p-circuit");
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);

    @AfterEach
    void close() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    /** A stream recording what is written to it and whether it was reset or closed. */
    private static final class RecordingStream implements Stream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile boolean reset;
        volatile boolean closedWrite;

        @Override
        public PeerId remotePeer() {
            return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        }

        @Override
        public String protocolId() {
            return StopHandler.PROTOCOL;
        }

        @Override
        public synchronized CompletionStage<Void> write(byte[] data) {
            written.writeBytes(data);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void closeWrite() {
            closedWrite = true;
        }

        @Override
        public void reset() {
            reset = true;
        }
    }

    /** Collects what the pipeline reads. */
    private static final class Reads extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Void> inactive = new CompletableFuture<>();

        @Override
        public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytes.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive.complete(null);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] withExtra(byte[] frame, String extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame);
        out.writeBytes(extra.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void bytesThatCameWithTheHandshakeReachThePipelineFirstAndTheStreamStays() throws Exception {
        RecordingStream stream = new RecordingStream();
        FirstMessage reader = new FirstMessage(stream);
        reader.onData(withExtra(RelayCodec.frame(RelayCodec.encode(HopMessage.status(Status.OK))), "/multistream"));
        assertEquals(Status.OK, RelayCodec.decodeHop(reader.message().get(5, TimeUnit.SECONDS)).status());

        StreamChannel channel = new StreamChannel(stream, CIRCUIT, CIRCUIT);
        Reads reads = new Reads();
        channel.pipeline().addLast(reads);
        loops.next().register(channel).addListener(f -> reader.handOver(channel.reader())).sync();
        reader.onData("/1.0.0\n".getBytes(StandardCharsets.UTF_8));
        io.ipfskit.testkit.Await.until("the bytes to arrive", java.time.Duration.ofSeconds(5),
                () -> reads.text().equals("/multistream/1.0.0\n"));
        assertFalse(stream.reset, "delivering the held bytes on the event loop must not reset the stream");

        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})).sync();
        assertArrayEquals(new byte[] {1, 2, 3}, stream.written.toByteArray());

        reader.onRemoteClose();
        reads.inactive.get(5, TimeUnit.SECONDS);
        assertTrue(stream.closedWrite, "closing the channel half-closes the stream");
    }
}
