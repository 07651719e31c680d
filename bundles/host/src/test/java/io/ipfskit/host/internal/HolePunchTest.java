package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hole punch hook on loopback: the server side dials at once and reaches the client's listener (no NAT drops its
 * SYN), so only the fixed roles let the two agree on who speaks first.
 */
class HolePunchTest {

    private final TestHost server = new TestHost();
    private final TestHost client = new TestHost();

    @AfterEach
    void close() {
        server.close();
        client.close();
    }

    @Test
    void bothSidesGetTheOneDirectConnectionWhenTheClientsListenerTakesTheServersDial() throws Exception {
        CompletableFuture<Connection> atClient = client.host.connectDirect(server.node.peerId(),
                server.host.listenAddresses(), true, Duration.ofMillis(300), Duration.ofSeconds(10)).toCompletableFuture();
        CompletableFuture<Connection> atServer = server.host.connectDirect(client.node.peerId(),
                client.host.listenAddresses(), false, Duration.ZERO, Duration.ofSeconds(10)).toCompletableFuture();
        Connection mine = atClient.get(15, TimeUnit.SECONDS);
        Connection theirs = atServer.get(15, TimeUnit.SECONDS);
        assertEquals(server.node.peerId(), mine.remotePeer());
        assertEquals(client.node.peerId(), theirs.remotePeer());
        assertEquals(mine.localAddress(), theirs.remoteAddress());
        assertTrue(mine.newStream(List.of("/ipfs/id/1.0.0"), s -> null).toCompletableFuture()
                .handle((s, e) -> e != null).get(10, TimeUnit.SECONDS), "the connection negotiates (and refuses) a stream");
    }

    @Test
    void withoutTheClientsRoleBothEndsWaitAsServersAndThePunchTimesOut() {
        CompletableFuture<Connection> atServer = server.host.connectDirect(client.node.peerId(),
                client.host.listenAddresses(), false, Duration.ZERO, Duration.ofSeconds(2)).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> atServer.get(15, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TimeoutException, e.toString());
    }
}
