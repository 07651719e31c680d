package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StaggeredDialTest {

    private static final Multiaddr TCP = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    private static final Multiaddr QUIC = Multiaddr.parse("/ip4/127.0.0.1/udp/4001/quic-v1");
    private static final Multiaddr PUBLIC_QUIC = Multiaddr.parse("/ip4/8.8.8.8/udp/4001/quic-v1");
    private static final Multiaddr PUBLIC_TCP = Multiaddr.parse("/ip4/8.8.8.8/tcp/4001");
    private static final Multiaddr RELAYED = Multiaddr.parse("/ip4/127.0.0.1/tcp/4002/p2p-circuit");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<Multiaddr, CompletableFuture<Connection>> dials = new ConcurrentHashMap<>();
    private final CompletableFuture<Connection> result = new CompletableFuture<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private StaggeredDial dial(List<Multiaddr> addresses) {
        return new StaggeredDial(addresses, a -> dials.computeIfAbsent(a, x -> new CompletableFuture<>()), timer, result);
    }

    private CompletableFuture<Connection> started(Multiaddr address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!dials.containsKey(address) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(dials.containsKey(address), "a dial of " + address + " started");
        return dials.get(address);
    }

    private static Connection connection(AtomicInteger closes) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closes.incrementAndGet();
                    }
                    return null;
                });
    }

    @Test
    void ranksQuicFirstThenTcpThenRelayed() {
        assertEquals(List.of(QUIC, TCP, RELAYED), DialRanking.rank(List.of(RELAYED, TCP, QUIC)));
    }

    @Test
    void tcpWaitsTheDelayAfterQuicAndNothingAfterTcp() {
        assertEquals(DialRanking.TCP_DELAY, DialRanking.delay(QUIC, TCP).orElseThrow());
        assertEquals(DialRanking.TCP_DELAY, DialRanking.delay(PUBLIC_QUIC, PUBLIC_TCP).orElseThrow());
        assertTrue(DialRanking.delay(TCP, RELAYED).isEmpty());
        assertTrue(DialRanking.delay(QUIC, RELAYED).isEmpty());
    }

    @Test
    void tcpStartsAfterTheDelayWhileQuicHangsAndTheLaterQuicConnectionIsClosed() throws Exception {
        dial(List.of(TCP, QUIC)).start();
        CompletableFuture<Connection> quic = started(QUIC);
        assertEquals(1, dials.size(), "only QUIC is dialled first");
        CompletableFuture<Connection> tcp = started(TCP);
        AtomicInteger tcpCloses = new AtomicInteger();
        Connection viaTcp = connection(tcpCloses);
        tcp.complete(viaTcp);
        assertSame(viaTcp, result.get(5, TimeUnit.SECONDS));
        AtomicInteger quicCloses = new AtomicInteger();
        quic.complete(connection(quicCloses));
        assertEquals(1, quicCloses.get(), "the slower connection is closed");
        assertEquals(0, tcpCloses.get());
    }

    @Test
    void aRelayedAddressWaitsUntilTheDirectOnesFailed() throws Exception {
        dial(List.of(RELAYED, TCP)).start();
        CompletableFuture<Connection> tcp = started(TCP);
        Thread.sleep(100);
        assertEquals(1, dials.size(), "the relayed address waits while TCP is dialled");
        tcp.completeExceptionally(new IOException("refused"));
        started(RELAYED).completeExceptionally(new IOException("no reservation"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
        assertEquals("no reservation", failure.getCause().getMessage());
    }
}
