package io.ipfskit.discovery.mdns;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.discovery.mdns.MdnsReader.Packet;
import io.ipfskit.discovery.mdns.MdnsReader.PeerAnswer;
import io.ipfskit.discovery.mdns.MdnsReader.ServiceQuery;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DnsMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * libp2p's mDNS apart from the socket: asks for the service when told to, answers a question with our addresses at
 * most once per {@link #ANSWER_SPACING} (RFC 6762 6; an answer goes to the group, so everyone asking in between hears
 * it), and reports a peer heard in an answer at most once per {@code reportEvery}, remembering at most
 * {@link #MAX_PEERS} peers (the least recently heard forgotten first). Our own answers (our peer name or id) are ignored.
 */
final class MdnsAgent {

    /** The least time between two of our answers. */
    static final Duration ANSWER_SPACING = Duration.ofSeconds(1);
    /** Peers remembered for the report spacing at most. */
    static final int MAX_PEERS = 1024;

    private final String peerName;
    private final PeerId self;
    private final Supplier<List<Multiaddr>> addresses;
    private final Consumer<AddressedEnvelope<? extends DnsMessage, InetSocketAddress>> send;
    private final Consumer<PeerInfo> report;
    private final LongSupplier nanoTime;
    private final long reportEveryNanos;
    private final Map<PeerId, Long> lastReported = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerId, Long> eldest) {
            return size() > MAX_PEERS;
        }
    };
    private long lastAnswer;
    private boolean answered;

    /**
     * @param addresses our addresses to announce, each ending in /p2p/ our id
     * @param send      puts a message on the wire (it takes ownership)
     */
    MdnsAgent(String peerName, PeerId self, Supplier<List<Multiaddr>> addresses,
            Consumer<AddressedEnvelope<? extends DnsMessage, InetSocketAddress>> send, Consumer<PeerInfo> report,
            LongSupplier nanoTime, Duration reportEvery) {
        this.peerName = peerName;
        this.self = self;
        this.addresses = addresses;
        this.send = send;
        this.report = report;
        this.nanoTime = nanoTime;
        this.reportEveryNanos = reportEvery.toNanos();
    }

    /** Asks the LAN who offers the libp2p service. */
    void query() {
        send.accept(MdnsWriter.query());
    }

    /** Forgets whom it reported, so a new subscriber hears every peer at the next answers. */
    synchronized void forgetReported() {
        lastReported.clear();
    }

    /** Handles one packet read from the wire. */
    synchronized void received(Packet packet) {
        long now = nanoTime.getAsLong();
        if (packet instanceof ServiceQuery) {
            List<Multiaddr> ours = addresses.get();
            if (!ours.isEmpty() && (!answered || now - lastAnswer >= ANSWER_SPACING.toNanos())) {
                answered = true;
                lastAnswer = now;
                send.accept(MdnsWriter.answer(peerName, ours));
            }
        } else if (packet instanceof PeerAnswer answer && !answer.peerName().equals(peerName)
                && !answer.peer().peerId().equals(self)) {
            Long last = lastReported.get(answer.peer().peerId());
            if (last == null || now - last >= reportEveryNanos) {
                lastReported.put(answer.peer().peerId(), now);
                report.accept(answer.peer());
            }
        }
    }
}
