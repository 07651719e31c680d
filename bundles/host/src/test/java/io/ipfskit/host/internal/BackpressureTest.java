package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reader that stops stops its writer over yamux: the receiver grants window only for bytes its listener took, so the
 * writer's writes stop completing after one window (256 KiB, less the few bytes protocol negotiation used) and its
 * queue reports itself full; nothing grows without bound in between, and resuming delivers everything.
 */
class BackpressureTest {

    private static final String SINK = "/test/sink/1.0.0";
    private static final String ECHO = "/test/echo/1.0.0";
    private static final int WINDOW = 256 * 1024;
    private static final int CHUNK = 64 * 1024;
    /** More than multistream-select uses of the window before the first write. */
    private static final int NEGOTIATION = 100;
    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static long completedBytes(List<CompletableFuture<Void>> writes) {
        return writes.stream().filter(w -> w.isDone() && !w.isCompletedExceptionally()).count() * CHUNK;
    }

    @Test
    void aPausedReaderStopsTheWriterAfterOneWindowAndResumingDeliversEverything() throws Exception {
        CompletableFuture<HostStream> reader = new CompletableFuture<>();
        Collector sink = new Collector();
        b.host.addProtocolHandler(new ProtocolHandler() {
            @Override
            public String protocolId() {
                return SINK;
            }

            @Override
            public StreamListener accept(Stream stream) {
                stream.pauseReading();
                reader.complete((HostStream) stream);
                return sink;
            }
        });
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Stream out = a.host.newStream(b.node.peerId(), List.of(SINK), s -> new Collector())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        byte[] payload = new byte[64 * CHUNK];
        new Random(11).nextBytes(payload);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        int offset = 0;
        while (out.writable() && offset < payload.length) {
            writes.add(out.write(Arrays.copyOfRange(payload, offset, offset + CHUNK)).toCompletableFuture());
            offset += CHUNK;
        }
        assertFalse(out.writable(), "the writer learns that its queue is full long before 4 MiB");
        CompletableFuture<Void> writable = out.onWritable().toCompletableFuture();

        HostStream held = reader.get(10, TimeUnit.SECONDS);
        Await.until("one window at the paused reader", Duration.ofSeconds(10),
                () -> held.heldBytes() > WINDOW - NEGOTIATION);
        long window = held.heldBytes();
        long completed = completedBytes(writes);
        assertTrue(window <= WINDOW && completed <= window && completed > window - CHUNK,
                "about one window went: " + completed + " of " + window);
        Collector echo = new Collector();
        Stream ping = a.host.newStream(b.node.peerId(), List.of(ECHO), s -> echo).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ping.write("later frames pass".getBytes());
        ping.closeWrite();
        assertArrayEquals("later frames pass".getBytes(), echo.closed.get(10, TimeUnit.SECONDS));
        assertEquals(completed, completedBytes(writes), "no write completed beyond the window while the reader is paused");
        assertEquals(window, held.heldBytes(), "the reader holds one window, no more");
        assertEquals(0, sink.received().length, "a paused reader is given nothing");
        assertTrue(writes.stream().noneMatch(CompletableFuture::isCompletedExceptionally), "no write was refused");
        assertFalse(writable.isDone());

        held.resumeReading();
        writable.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> write : writes) {
            write.get(10, TimeUnit.SECONDS);
        }
        out.closeWrite();
        assertArrayEquals(Arrays.copyOf(payload, offset), sink.closed.get(10, TimeUnit.SECONDS));
        assertEquals(0, held.heldBytes());
    }

    @Test
    void aSlowListenerIsAReaderThatStoppedUntilItReturns() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<HostStream> reader = new CompletableFuture<>();
        AtomicInteger taken = new AtomicInteger();
        b.host.addProtocolHandler(new ProtocolHandler() {
            @Override
            public String protocolId() {
                return SINK;
            }

            @Override
            public StreamListener accept(Stream stream) {
                reader.complete((HostStream) stream);
                return new StreamListener() {
                    @Override
                    public void onData(byte[] data) {
                        taken.addAndGet(data.length);
                        release.join();
                    }

                    @Override
                    public void onRemoteClose() {
                    }
                };
            }
        });
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Stream out = a.host.newStream(b.node.peerId(), List.of(SINK), s -> new Collector())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            writes.add(out.write(new byte[CHUNK]).toCompletableFuture());
        }
        HostStream held = reader.get(10, TimeUnit.SECONDS);
        Await.until("one window in the listener and held for it", Duration.ofSeconds(10),
                () -> taken.get() + held.heldBytes() > WINDOW - NEGOTIATION);
        long window = taken.get() + held.heldBytes();
        Collector echo = new Collector();
        Stream ping = a.host.newStream(b.node.peerId(), List.of(ECHO), s -> echo).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ping.write("later frames pass".getBytes());
        ping.closeWrite();
        assertArrayEquals("later frames pass".getBytes(), echo.closed.get(10, TimeUnit.SECONDS));
        assertEquals(window, taken.get() + held.heldBytes(), "nothing beyond the window while the listener is busy");
        assertTrue(completedBytes(writes) <= WINDOW, "the writes beyond one window wait");
        release.complete(null);
        for (CompletableFuture<Void> write : writes) {
            write.get(10, TimeUnit.SECONDS);
        }
    }
}
