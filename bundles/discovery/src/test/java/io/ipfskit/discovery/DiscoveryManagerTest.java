package io.ipfskit.discovery;

import static io.ipfskit.discovery.FakeNetwork.info;
import static io.ipfskit.discovery.FakeNetwork.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.Peerstore;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DiscoveryManagerTest {

    /** A strategy the test drives: reports peers to whoever subscribed, and knows whether anyone still listens. */
    static final class FakeStrategy implements PeerDiscovery {
        final List<Consumer<PeerInfo>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public AutoCloseable subscribe(Consumer<PeerInfo> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void report(PeerInfo peer) {
            listeners.forEach(l -> l.accept(peer));
        }
    }

    /** A host that records dials (each succeeds at once) and has no connections. */
    static final class DialRecordingHost implements Host {
        final List<PeerId> dials = new CopyOnWriteArrayList<>();

        @Override
        public PeerId peerId() {
            return FakeNetwork.SELF;
        }

        @Override
        public CompletionStage<Connection> connect(PeerId peer, List<Multiaddr> addresses) {
            dials.add(peer);
            return new CompletableFuture<>();
        }

        @Override
        public List<Connection> connections() {
            return List.of();
        }

        @Override
        public AutoCloseable subscribe(HostListener listener) {
            return () -> { };
        }

        @Override
        public List<Multiaddr> listenAddresses() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> protocols() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Connection> connect(Multiaddr address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Stream> newStream(PeerId peer, List<String> protocols,
                Function<Stream, StreamListener> listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Peerstore peerstore() {
            throw new UnsupportedOperationException();
        }
    }

    private static Node node(NodeRole role) {
        return new Node() {
            @Override
            public PeerId peerId() {
                return FakeNetwork.SELF;
            }

            @Override
            public PublicKey publicKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] sign(byte[] data) {
                throw new UnsupportedOperationException();
            }

            @Override
            public NodeRole role() {
                return role;
            }

            @Override
            public Path repo() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String agentVersion() {
                return "test";
            }
        };
    }

    private static DiscoveryConfig defaults() {
        return new DiscoveryConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DiscoveryConfig.class;
            }

            @Override
            public int targetConnections() {
                return -1;
            }

            @Override
            public int maxDialsInFlight() {
                return 8;
            }

            @Override
            public int maxCandidates() {
                return 1024;
            }

            @Override
            public int initialBackoffSeconds() {
                return 5;
            }

            @Override
            public int maxBackoffSeconds() {
                return 3600;
            }

            @Override
            public int backoffCapacity() {
                return 10000;
            }
        };
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aStrategyThatLeavesStopsAloneWhileTheOthersStillFeedTheHost() throws Exception {
        DialRecordingHost host = new DialRecordingHost();
        DiscoveryManager manager = new DiscoveryManager(host, node(NodeRole.WORKER), defaults());
        FakeStrategy bootstrap = new FakeStrategy();
        FakeStrategy walk = new FakeStrategy();
        manager.addDiscovery(bootstrap, Map.of(PeerDiscovery.NAME, "bootstrap"));
        manager.addDiscovery(walk, Map.of(PeerDiscovery.NAME, "random-walk"));
        try {
            bootstrap.report(info("a"));
            walk.report(info("b"));
            await("both reports are dialled", () -> host.dials.size() == 2);

            manager.removeDiscovery(bootstrap, Map.of(PeerDiscovery.NAME, "bootstrap"));
            assertTrue(bootstrap.listeners.isEmpty(), "the strategy that left is unsubscribed");
            assertFalse(walk.listeners.isEmpty(), "the other strategy is still subscribed");
            walk.report(info("c"));
            await("the remaining strategy's report is dialled", () -> host.dials.contains(peer("c")));
            assertEquals(List.of(peer("a"), peer("b"), peer("c")), host.dials);
        } finally {
            manager.deactivate();
        }
        assertTrue(walk.listeners.isEmpty(), "deactivation unsubscribes from every strategy");
    }

    @Test
    void theConnectionTargetFollowsTheRoleUnlessConfigured() {
        assertEquals(100, DiscoveryManager.byRole(NodeRole.MASTER));
        assertEquals(50, DiscoveryManager.byRole(NodeRole.WORKER));
        assertEquals(20, DiscoveryManager.byRole(NodeRole.LEECHER));
    }
}
