package io.ipfskit.transport.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.spi.MuxedTransport;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.testkit.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hole punch's QUIC dial leaves from the listening port while the listener goes on accepting others. */
class PunchDialTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final QuicHost a = new QuicHost();
    private final QuicHost b = new QuicHost();
    private final QuicHost c = new QuicHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
        c.close();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int port(Multiaddr address) {
        return QuicAddresses.toSocketAddress(address).getPort();
    }

    @Test
    void dialsFromTheListenPortAndTheListenerStillAcceptsOthers() throws Exception {
        int listenPort = port(a.address());
        MuxedTransport.Session punched = await(a.quic.punchDial(b.address(), b.node.peerId(), TIMEOUT));
        assertEquals(b.node.peerId(), punched.security().remotePeer());
        assertEquals(listenPort, port(punched.localAddress()), "the punch dial leaves from A's listen port");
        // B's answers came back to the connected socket (the listener's server codec would have dropped them); and
        // while that socket stands, a third peer's handshake still reaches A's listener
        Connection fromC = await(c.host.connect(a.address()));
        assertEquals(a.node.peerId(), fromC.remotePeer());
        Await.until("C's connection on A", Duration.ofSeconds(10), () -> a.host.connections().stream()
                .anyMatch(x -> x.remotePeer().equals(c.node.peerId())));
        punched.channel().close();
    }

    @Test
    void aSecondPunchDialToTheSameAddressWaitsForTheFirstToEnd() throws Exception {
        MuxedTransport.Session first = await(a.quic.punchDial(b.address(), b.node.peerId(), TIMEOUT));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> await(a.quic.punchDial(b.address(), b.node.peerId(), TIMEOUT)));
        assertTrue(refused.getCause().getMessage().contains("under way"), refused.getCause().toString());
        first.channel().close();
        Await.until("the first punch socket to close", Duration.ofSeconds(10), () -> {
            try {
                MuxedTransport.Session again = await(a.quic.punchDial(b.address(), b.node.peerId(), TIMEOUT));
                again.channel().close();
                return true;
            } catch (ExecutionException e) {
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void punchPacketsLeaveFromTheListenPortAndStopWhenTold() throws Exception {
        try (java.net.DatagramSocket peer = new java.net.DatagramSocket(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout(5_000);
            Multiaddr at = QuicAddresses.toMultiaddr((InetSocketAddress) peer.getLocalSocketAddress());
            Runnable stop = a.quic.punchOpen(at, TIMEOUT);
            java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[256], 256);
            peer.receive(packet);
            stop.run();
            assertEquals(PunchPackets.SIZE, packet.getLength());
            assertEquals(port(a.address()), packet.getPort(), "sent from A's listening socket");
        }
        // the listener goes on as before
        assertEquals(a.node.peerId(), await(c.host.connect(a.address())).remotePeer());
    }

    @Test
    void theHostsHolePunchOverQuicTheClientDiallingFromItsListenPort() throws Exception {
        CompletionStage<Connection> server = b.host.connectDirect(a.node.peerId(), java.util.List.of(a.address()),
                false, Duration.ZERO, TIMEOUT);
        CompletionStage<Connection> client = a.host.connectDirect(b.node.peerId(), java.util.List.of(b.address()),
                true, Duration.ZERO, TIMEOUT);
        Connection atA = await(client);
        Connection atB = await(server);
        assertEquals(io.ipfskit.api.net.Direction.OUTBOUND, atA.direction());
        assertEquals(io.ipfskit.api.net.Direction.INBOUND, atB.direction());
        assertEquals(port(a.address()), port(atA.localAddress()), "A dialled from its listen port");
        assertEquals(port(a.address()), port(atB.remoteAddress()), "B sees A's listen port");
    }
}
