package io.ipfskit.muxer.mplex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.muxer.yamux.YamuxMuxer;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mplex through the real upgrade: two hosts on loopback TCP with Noise negotiate it and carry streams over it. */
class MplexOverHostTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private static final String SINK = "/test/sink/1.0.0";
    private static final int CHUNK = 64 * 1024;
    /** Far more than the sender's, the kernel's and the reader's buffers hold together. */
    private static final long MAX_WRITTEN = 256L << 20;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A host on an ephemeral loopback port with Noise, exactly these muxers in this order, and the echo protocol. */
    private TestHost peer(StreamMuxer... muxers) {
        TestHost peer = new TestHost(muxers);
        open.add(peer);
        peer.host.addProtocolHandler(new EchoProtocol(ECHO));
        return peer;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static MplexMuxer mplex() {
        return new MplexMuxer(64, 1024 * 1024);
    }

    @Test
    void concurrentStreamsOfSeveralMessagesEachEchoIntact() throws Exception {
        TestHost a = peer(mplex());
        TestHost b = peer(mplex());
        Connection connection = await(a.host.connect(b.address()));
        assertEquals(MplexMuxer.PROTOCOL, connection.muxer());
        Random random = new Random(5);
        List<byte[]> payloads = new ArrayList<>();
        List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] payload = new byte[150_000 + random.nextInt(100_000)];
            random.nextBytes(payload);
            Collector collector = new Collector();
            Stream stream = await(a.host.newStream(b.node.peerId(), List.of(ECHO), s -> collector));
            stream.write(payload);
            stream.closeWrite();
            payloads.add(payload);
            echoes.add(collector.closed);
        }
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), echoes.get(i).get(20, TimeUnit.SECONDS), "stream " + i);
        }
        assertEquals(1, a.host.connections().size());
    }

    @Test
    void aPausedReaderStopsTheWriterThroughTheConnectionAndResumingDeliversEverything() throws Exception {
        TestHost a = peer(mplex());
        TestHost b = peer(mplex());
        CompletableFuture<Stream> reader = new CompletableFuture<>();
        CRC32 readCrc = new CRC32();
        AtomicLong read = new AtomicLong();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        b.host.addProtocolHandler(new ProtocolHandler() {
            @Override
            public String protocolId() {
                return SINK;
            }

            @Override
            public StreamListener accept(Stream stream) {
                stream.pauseReading();
                reader.complete(stream);
                return new StreamListener() {
                    @Override
                    public void onData(byte[] data) {
                        readCrc.update(data);
                        read.addAndGet(data.length);
                    }

                    @Override
                    public void onRemoteClose() {
                        closed.complete(null);
                    }
                };
            }
        });
        await(a.host.connect(b.address()));
        Stream out = await(a.host.newStream(b.node.peerId(), List.of(SINK), s -> new Collector()));
        CRC32 writtenCrc = new CRC32();
        long written = 0;
        boolean stalled = false;
        while (!stalled && written < MAX_WRITTEN) {
            byte[] chunk = new byte[CHUNK];
            Arrays.fill(chunk, (byte) (written / CHUNK));
            writtenCrc.update(chunk);
            out.write(chunk);
            written += CHUNK;
            if (!out.writable()) {
                try {
                    out.onWritable().toCompletableFuture().get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    stalled = true;
                }
            }
        }
        assertTrue(stalled, "the writer stalled after " + written + " bytes instead of filling the paused reader");
        assertEquals(0, read.get());

        reader.get(10, TimeUnit.SECONDS).resumeReading();
        out.onWritable().toCompletableFuture().get(20, TimeUnit.SECONDS);
        out.closeWrite();
        closed.get(20, TimeUnit.SECONDS);
        assertEquals(written, read.get());
        assertEquals(writtenCrc.getValue(), readCrc.getValue());
    }

    @Test
    void aPeerOfferingOnlyMplexGetsItFromOneThatPrefersYamux() throws Exception {
        TestHost old = peer(mplex());
        TestHost modern = peer(new YamuxMuxer(64, 16 * 1024 * 1024, 4 * 1024 * 1024), mplex());
        assertEquals(MplexMuxer.PROTOCOL, await(old.host.connect(modern.address())).muxer());
        TestHost other = peer(mplex());
        assertEquals(MplexMuxer.PROTOCOL, await(modern.host.connect(other.address())).muxer());
    }
}
