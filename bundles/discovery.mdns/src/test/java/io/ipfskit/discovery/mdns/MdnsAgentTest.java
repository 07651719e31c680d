package io.ipfskit.discovery.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.discovery.mdns.MdnsReader.PeerAnswer;
import io.ipfskit.discovery.mdns.MdnsReader.ServiceQuery;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DnsMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link MdnsAgent} with a fake wire and clock: answer spacing, own answers ignored, report spacing, peers bounded. */
class MdnsAgentTest {

    private static final PeerId SELF = MdnsCodecTest.A;
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final SplittableRandom RANDOM = new SplittableRandom(3);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<byte[]> sent = new ArrayList<>();
    private final List<PeerInfo> reported = new ArrayList<>();
    private List<Multiaddr> ours = List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + SELF));
    private final MdnsAgent agent = new MdnsAgent("ournode", SELF, () -> ours, this::send, reported::add, now::get, INTERVAL);

    private void send(AddressedEnvelope<? extends DnsMessage, InetSocketAddress> message) {
        sent.add(Wire.encode(message));
    }

    @Test
    void aQueryGoesOutAsTheServiceQuestion() {
        agent.query();
        assertInstanceOf(ServiceQuery.class, Wire.read(sent.get(0)).orElseThrow());
    }

    @Test
    void questionsAreAnsweredWithOurAddressesAtMostOncePerSpacing() {
        agent.received(new ServiceQuery());
        agent.received(new ServiceQuery());
        now.addAndGet(MdnsAgent.ANSWER_SPACING.toNanos() - 1);
        agent.received(new ServiceQuery());
        assertEquals(1, sent.size(), "answers within the spacing");
        PeerAnswer answer = assertInstanceOf(PeerAnswer.class, Wire.read(sent.get(0)).orElseThrow());
        assertEquals(new PeerInfo(SELF, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"))), answer.peer());
        now.addAndGet(1);
        agent.received(new ServiceQuery());
        assertEquals(2, sent.size(), "an answer once the spacing passed");
    }

    @Test
    void withoutAddressesNothingIsAnswered() {
        ours = List.of();
        agent.received(new ServiceQuery());
        assertEquals(0, sent.size());
    }

    @Test
    void ourOwnAnswersAreNotReported() {
        agent.received(new PeerAnswer("ournode", peer(MdnsCodecTest.B)));
        agent.received(new PeerAnswer("othername", peer(SELF)));
        assertEquals(List.of(), reported);
    }

    @Test
    void aPeerIsReportedAtMostOncePerInterval() {
        agent.received(new PeerAnswer("js", peer(MdnsCodecTest.B)));
        agent.received(new PeerAnswer("js", peer(MdnsCodecTest.B)));
        now.addAndGet(INTERVAL.toNanos() - 1);
        agent.received(new PeerAnswer("js", peer(MdnsCodecTest.B)));
        assertEquals(1, reported.size());
        now.addAndGet(1);
        agent.received(new PeerAnswer("js", peer(MdnsCodecTest.B)));
        assertEquals(2, reported.size());
    }

    @Test
    void afterForgettingAPeerIsReportedAgainAtOnce() {
        agent.received(new PeerAnswer("js", peer(MdnsCodecTest.B)));
        agent.forgetReported();
        agent.received(new PeerAnswer("js", peer(MdnsCodecTest.B)));
        assertEquals(2, reported.size());
    }

    @Test
    void peersRememberedAreBoundedTheLeastRecentlyHeardForgottenFirst() {
        PeerId first = randomPeer();
        agent.received(new PeerAnswer("first", peer(first)));
        for (int i = 0; i < MdnsAgent.MAX_PEERS; i++) {
            agent.received(new PeerAnswer("p" + i, peer(randomPeer())));
        }
        assertEquals(MdnsAgent.MAX_PEERS + 1, reported.size());
        agent.received(new PeerAnswer("first", peer(first)));
        assertEquals(MdnsAgent.MAX_PEERS + 2, reported.size(), "the first peer was forgotten, so reported again");
        assertTrue(reported.get(reported.size() - 1).peerId().equals(first));
    }

    /** A SHA-256-shaped peer id of random bytes. */
    private static PeerId randomPeer() {
        byte[] multihash = new byte[34];
        RANDOM.nextBytes(multihash);
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        return PeerId.fromBytes(multihash);
    }

    private static PeerInfo peer(PeerId id) {
        return new PeerInfo(id, List.of(Multiaddr.parse("/ip4/10.0.0.9/tcp/4001")));
    }
}
