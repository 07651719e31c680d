package io.ipfskit.discovery.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.multiformats.keys.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The strategy over a fake PubSub: what it announces and when, whom it reports, whom it ignores, closing. */
class PubsubPeerDiscoveryTest {

    private static final PublicKey OUR_KEY = PrivateKey.generateEd25519().publicKey();
    private static final PeerId US = PeerId.fromPublicKey(OUR_KEY);
    private static final Multiaddr OUR_ADDRESS = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakePubSub pubsub = new FakePubSub();
    private final BlockingQueue<PeerInfo> reported = new LinkedBlockingQueue<>();
    private final PubsubPeerDiscovery discovery = new PubsubPeerDiscovery(pubsub, US, OUR_KEY, () -> List.of(OUR_ADDRESS),
            Duration.ofHours(1), false);

    @AfterEach
    void stop() {
        discovery.deactivate();
    }

    @Test
    void weAnnounceOurKeyAndAddressesOnlyWhileAPeerIsOnTheTopic() {
        // Its own pubsub, and no timer (listen-only), so that only the announcements made here count.
        FakePubSub quiet = new FakePubSub();
        PubsubPeerDiscovery byHand = new PubsubPeerDiscovery(quiet, US, OUR_KEY, () -> List.of(OUR_ADDRESS),
                Duration.ofHours(1), true);
        try {
            byHand.announce();
            assertEquals(0, quiet.published.size(), "nobody on the topic");
            quiet.peers = Set.of(PeerMessageTest.OTHER);
            byHand.announce();
            assertEquals(1, quiet.published.size());
            assertEquals(new PeerInfo(US, List.of(OUR_ADDRESS)),
                    PeerMessage.read(PeerMessageTest.from(US, quiet.published.get(0))).orElseThrow());
        } finally {
            byHand.deactivate();
        }
    }

    @Test
    void aPeerHeardIsReportedButAForgedOneAndOurOwnAreNot() throws Exception {
        discovery.subscribe(reported::add);
        pubsub.deliver(PeerMessageTest.OTHER,
                PeerMessage.encode(PeerMessageTest.KEY, List.of(Multiaddr.parse("/ip4/10.0.0.66/tcp/1"))));
        pubsub.deliver(US, PeerMessage.encode(OUR_KEY, List.of(OUR_ADDRESS)));
        pubsub.deliver(PeerMessageTest.PEER,
                PeerMessage.encode(PeerMessageTest.KEY, List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/1"))));
        PeerInfo first = reported.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(new PeerInfo(PeerMessageTest.PEER, List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/1"))), first,
                "the forged announcement (sent by another peer) and our own come first and are skipped");
        assertTrue(reported.isEmpty(), "reported: " + reported);
    }

    @Test
    void stoppingClosesTheSubscriptionAndForgetsSubscribers() throws Exception {
        discovery.subscribe(reported::add);
        discovery.deactivate();
        assertTrue(pubsub.closed);
        pubsub.deliver(PeerMessageTest.PEER, PeerMessage.encode(PeerMessageTest.KEY, List.of(OUR_ADDRESS)));
        assertEquals(1, pubsub.inbox.size(), "nobody reads after stopping");
    }
}
