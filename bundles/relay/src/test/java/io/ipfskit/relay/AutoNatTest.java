package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.relay.wire.AutoNatMessage.ResponseStatus;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.transport.tcp.TcpTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** AutoNAT v1 between two loopback hosts: the dial-back, what the server refuses to dial, its budget, and the votes. */
class AutoNatTest {

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** A dial-back stub counting its calls and answering with the first address. */
    private static final class CountingDialBack implements DialBack {
        final AtomicInteger calls = new AtomicInteger();
        final List<Multiaddr> dialled = new ArrayList<>();

        @Override
        public CompletionStage<Multiaddr> dial(PeerId peer, List<Multiaddr> addresses, Duration timeout) {
            calls.incrementAndGet();
            dialled.addAll(addresses);
            return CompletableFuture.completedFuture(addresses.get(0));
        }
    }

    @Test
    void theServerDialsBackOnAFreshConnectionAndTheAnswerIsOk() throws Exception {
        try (TestHost client = new TestHost(); TestHost server = new TestHost()) {
            TcpTransport dialer = new TcpTransport(1, 16);
            try {
                server.host.addProtocolHandler(new AutoNatServer(server.host,
                        new SecureDialBack(() -> dialer, () -> server.noise), DialBackBudget.defaults(), Clock.systemUTC()));
                await(client.host.connect(server.address()));
                AutoNatClient autonat = new AutoNatClient(client.host, r -> { });
                assertEquals(ResponseStatus.OK, await(autonat.ask(server.node.peerId())));
                io.ipfskit.testkit.Await.until("the request's stream to end on both sides", Duration.ofSeconds(10),
                        () -> client.host.connections().stream().allMatch(c -> c.streamCount() == 0)
                                && server.host.connections().stream().allMatch(c -> c.streamCount() == 0));
            } finally {
                dialer.close();
            }
        }
    }

    @Test
    void aDialBackAnsweredByAnotherPeerOrByNobodyFails() throws Exception {
        try (TestHost client = new TestHost(); TestHost server = new TestHost(); TestHost other = new TestHost()) {
            TcpTransport dialer = new TcpTransport(1, 16);
            try {
                server.host.addProtocolHandler(new AutoNatServer(server.host,
                        new SecureDialBack(() -> dialer, () -> server.noise), DialBackBudget.defaults(), Clock.systemUTC()));
                // the client dials from its listen port, so the server's last candidate (its observed address)
                // would answer: the dial-back itself is asked about the other addresses
                SecureDialBack dialBack = new SecureDialBack(() -> dialer, () -> server.noise);
                Multiaddr someoneElses = other.host.listenAddresses().get(0);
                assertThrows(ExecutionException.class, () -> await(dialBack.dial(client.node.peerId(),
                        List.of(someoneElses), Duration.ofSeconds(5))), "the handshake proves the address is not the client's");
                Multiaddr nobody;
                try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                    nobody = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closed.getLocalPort());
                }
                assertThrows(ExecutionException.class, () -> await(dialBack.dial(client.node.peerId(), List.of(nobody),
                        Duration.ofSeconds(5))));
                assertEquals(client.host.listenAddresses().get(0), await(dialBack.dial(client.node.peerId(),
                        List.of(nobody, client.host.listenAddresses().get(0)), Duration.ofSeconds(5))));
            } finally {
                dialer.close();
            }
        }
    }

    @Test
    void addressesOffTheObservedIpAreNeverDialled() throws Exception {
        try (TestHost client = new TestHost(); TestHost server = new TestHost()) {
            CountingDialBack dialBack = new CountingDialBack();
            server.host.addProtocolHandler(new AutoNatServer(server.host, dialBack, DialBackBudget.defaults(),
                    Clock.systemUTC()));
            await(client.host.connect(server.address()));
            AutoNatClient autonat = new AutoNatClient(client.host, r -> { });
            Multiaddr thirdParty = Multiaddr.parse("/ip4/192.0.2.7/tcp/4001");
            // The dialler's future completes before the server has registered the connection on its side.
            io.ipfskit.testkit.Await.until("the server to hold the connection", java.time.Duration.ofSeconds(10),
                    () -> !server.host.connections().isEmpty());
            Multiaddr observed = server.host.connections().get(0).remoteAddress().withoutPeerId();
            List<Multiaddr> mixed = List.of(thirdParty, client.host.listenAddresses().get(0));
            assertEquals(ResponseStatus.OK, await(autonat.ask(server.node.peerId(), mixed)));
            // the client dials from its listen port (SO_REUSEPORT), so its observed address is its listen address
            assertEquals(List.of(client.host.listenAddresses().get(0), observed).stream().distinct().toList(),
                    dialBack.dialled, "the claimed address on the observed IP, then the observed address");
            dialBack.dialled.clear();
            // a peer behind a NAT claims only addresses off the IP we see: its observed address alone is dialled
            assertEquals(ResponseStatus.OK, await(autonat.ask(server.node.peerId(), List.of(thirdParty))));
            assertEquals(List.of(observed), dialBack.dialled, "a third party's address was never dialled");
        }
    }

    @Test
    void aPeerAskingMoreThanItsBudgetIsRefused() throws Exception {
        try (TestHost client = new TestHost(); TestHost server = new TestHost()) {
            CountingDialBack dialBack = new CountingDialBack();
            server.host.addProtocolHandler(new AutoNatServer(server.host, dialBack, DialBackBudget.defaults(),
                    Clock.systemUTC()));
            await(client.host.connect(server.address()));
            AutoNatClient autonat = new AutoNatClient(client.host, r -> { });
            for (int i = 0; i < 3; i++) {
                assertEquals(ResponseStatus.OK, await(autonat.ask(server.node.peerId())));
            }
            assertEquals(ResponseStatus.E_DIAL_REFUSED, await(autonat.ask(server.node.peerId())));
            assertEquals(3, dialBack.calls.get());
        }
    }

    @Test
    void theBudgetBoundsEachPeerAndEveryoneWithinTheWindow() {
        DialBackBudget budget = new DialBackBudget(2, 3, Duration.ofMinutes(1));
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        PeerId a = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        PeerId b = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        PeerId c = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        assertTrue(budget.take(a, now));
        assertTrue(budget.take(a, now));
        assertFalse(budget.take(a, now), "2 per peer");
        assertTrue(budget.take(b, now));
        assertFalse(budget.take(c, now), "3 in all");
        assertTrue(budget.take(c, now.plusSeconds(60)), "the window passed");
    }

    @Test
    void threeAgreeingAnswersChangeTheReachabilityAndRefusalsDoNotVote() {
        List<Reachability> changes = new ArrayList<>();
        AutoNatClient autonat = new AutoNatClient(null, changes::add);
        autonat.record(ResponseStatus.OK);
        autonat.record(ResponseStatus.OK);
        autonat.record(ResponseStatus.E_DIAL_REFUSED);
        assertEquals(Reachability.UNKNOWN, autonat.reachability());
        autonat.record(ResponseStatus.OK);
        assertEquals(Reachability.PUBLIC, autonat.reachability());
        autonat.record(ResponseStatus.E_DIAL_ERROR);
        autonat.record(ResponseStatus.E_DIAL_ERROR);
        autonat.record(ResponseStatus.OK);
        autonat.record(ResponseStatus.E_DIAL_ERROR);
        assertEquals(Reachability.PUBLIC, autonat.reachability(), "two private votes were broken by a public one");
        autonat.record(ResponseStatus.E_DIAL_ERROR);
        autonat.record(ResponseStatus.E_DIAL_ERROR);
        assertEquals(Reachability.PRIVATE, autonat.reachability());
        assertEquals(List.of(Reachability.PUBLIC, Reachability.PRIVATE), changes);
    }
}
