package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners run off the connection's event loop (each test host has one event-loop thread for all its connections):
 * one that blocks holds up its own stream only; each stream's events still come in order, one thread at a time.
 */
class HandlerExecutionTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private static final String BLOCK = "/test/block/1.0.0";
    private static final String RECORD = "/test/record/1.0.0";
    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        a.close();
        b.close();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ProtocolHandler handler(String id, Function<Stream, StreamListener> accept) {
        return new ProtocolHandler() {
            @Override
            public String protocolId() {
                return id;
            }

            @Override
            public StreamListener accept(Stream stream) {
                return accept.apply(stream);
            }
        };
    }

    private static byte[] echo(TestHost from, TestHost to, byte[] payload) throws Exception {
        Collector collector = new Collector();
        await(from.host.connect(to.address()));
        Stream stream = await(from.host.newStream(to.node.peerId(), List.of(ECHO), s -> collector));
        await(stream.write(payload));
        stream.closeWrite();
        return collector.closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBlockingListenerHoldsUpNeitherOtherStreamsOfItsConnectionNorOtherConnections() throws Exception {
        CompletableFuture<Void> blocking = new CompletableFuture<>();
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        b.host.addProtocolHandler(handler(BLOCK, stream -> new StreamListener() {
            @Override
            public void onData(byte[] data) {
                blocking.complete(null);
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onRemoteClose() {
            }
        }));
        await(a.host.connect(b.address()));
        await(a.host.newStream(b.node.peerId(), List.of(BLOCK), s -> new Collector())).write(new byte[] {1});
        blocking.get(10, TimeUnit.SECONDS);

        assertArrayEquals("same connection".getBytes(), echo(a, b, "same connection".getBytes()));
        try (TestHost c = new TestHost()) {
            assertArrayEquals("another connection".getBytes(), echo(c, b, "another connection".getBytes()));
        }
    }

    @Test
    void eachStreamsEventsComeInOrderOneAtATimeOffTheEventLoop() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger onEventLoop = new AtomicInteger();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CompletableFuture<byte[]> closed = new CompletableFuture<>();
        b.host.addProtocolHandler(handler(RECORD, stream -> new StreamListener() {
            @Override
            public void onData(byte[] data) {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                if (Thread.currentThread() instanceof FastThreadLocalThread) {
                    onEventLoop.incrementAndGet();
                }
                received.writeBytes(data);
                Thread.yield();
                inside.decrementAndGet();
            }

            @Override
            public void onRemoteClose() {
                closed.complete(received.toByteArray());
            }
        }));
        byte[] payload = new byte[3_000_000];
        new Random(5).nextBytes(payload);
        await(a.host.connect(b.address()));
        Stream out = await(a.host.newStream(b.node.peerId(), List.of(RECORD), s -> new Collector()));
        for (int offset = 0; offset < payload.length; offset += 1000) {
            out.write(java.util.Arrays.copyOfRange(payload, offset, offset + 1000));
        }
        out.closeWrite();
        assertArrayEquals(payload, closed.get(30, TimeUnit.SECONDS), "every byte, in order, before the close");
        assertEquals(0, overlaps.get(), "never two threads in one listener");
        assertEquals(0, onEventLoop.get(), "never on an event loop");
    }

    @Test
    void aListenerThatThrowsResetsItsStreamOnly() throws Exception {
        b.host.addProtocolHandler(new EchoProtocol(ECHO));
        b.host.addProtocolHandler(handler(BLOCK, stream -> new StreamListener() {
            @Override
            public void onData(byte[] data) {
                throw new IllegalStateException("handler bug");
            }

            @Override
            public void onRemoteClose() {
            }
        }));
        Collector failing = new Collector();
        await(a.host.connect(b.address()));
        await(a.host.newStream(b.node.peerId(), List.of(BLOCK), s -> failing)).write(new byte[] {1});
        assertTrue(failing.closed.handle((v, e) -> e != null).get(10, TimeUnit.SECONDS), "the stream was reset");
        assertArrayEquals("still fine".getBytes(), echo(a, b, "still fine".getBytes()));
        assertFalse(a.host.connections().isEmpty());
    }
}
