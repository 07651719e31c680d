package io.ipfskit.protocol.bitswap.net;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.MalformedMessageException;
import io.ipfskit.protocol.bitswap.message.MessageCodec;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Bitswap's side of the host: which peers are connected and speak Bitswap, one {@link PeerLink} per peer for what we
 * send, and one {@link PeerQueue} per peer through which everything the peer causes (its messages, its connection
 * events) reaches {@link Events} in order on the worker pool, never on an event loop.
 */
public final class Network implements HostListener, AutoCloseable {

    /** The most bytes of received messages a peer may have waiting for its worker (four largest messages). */
    public static final long MAX_QUEUED_INPUT = 4L * MessageCodec.MAX_MESSAGE;

    private static final System.Logger LOG = System.getLogger(Network.class.getName());

    /** What the rest of Bitswap hears; each call for one peer runs after the previous one for that peer returned. */
    public interface Events {
        /** A well-formed message arrived from the peer. */
        void message(PeerId peer, BitswapMessage message);

        /** The peer connected. */
        void connected(PeerId peer);

        /** The peer's last connection closed. */
        void disconnected(PeerId peer);

        /** Our link to the peer gave up: no stream could be opened (the peer may not speak Bitswap), or they kept breaking. */
        void linkFailed(PeerId peer);
    }

    private final Host host;
    private final List<String> protocolIds;
    private final Executor workers;
    private final Events events;
    private final Map<PeerId, PeerQueue> queues = new ConcurrentHashMap<>();
    private final Map<PeerId, PeerLink> links = new ConcurrentHashMap<>();
    private final Set<PeerId> connected = ConcurrentHashMap.newKeySet();
    private final Set<PeerId> withoutBitswap = ConcurrentHashMap.newKeySet();
    private final Set<PeerId> cutOff = ConcurrentHashMap.newKeySet();
    private volatile AutoCloseable subscription;

    /** A network proposing {@code protocolIds} (newest first) and delivering to {@code events} on {@code workers}. */
    public Network(Host host, List<String> protocolIds, Executor workers, Events events) {
        this.host = host;
        this.protocolIds = List.copyOf(protocolIds);
        this.workers = workers;
        this.events = events;
    }

    /** Starts following the host's connections, beginning with those open now. */
    public void start() {
        subscription = host.subscribe(this);
        host.connections().forEach(this::connected);
    }

    /** The listener for a stream the peer opened on one of our protocols. */
    public StreamListener inbound(Stream stream) {
        return new InboundReader(stream, this, null);
    }

    /** The link to a connected peer, opened on first use; a dead link is replaced. */
    public PeerLink link(PeerId peer) {
        return links.compute(peer, (p, existing) -> existing != null && !existing.dead() ? existing : newLink(p));
    }

    /** The link to the peer if there is a live one. */
    public PeerLink existingLink(PeerId peer) {
        PeerLink link = links.get(peer);
        return link == null || link.dead() ? null : link;
    }

    /** The connected peers that may speak Bitswap (not known otherwise, not cut off). */
    public Set<PeerId> peers() {
        return connected.stream().filter(this::mayServe).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the peer is connected. */
    public boolean isConnected(PeerId peer) {
        return connected.contains(peer);
    }

    /** Whether the peer was cut off (until it disconnects). */
    public boolean isCutOff(PeerId peer) {
        return cutOff.contains(peer);
    }

    /**
     * Whether the peer is connected, not cut off, and speaks Bitswap: as identify last said (a peer whose Bitswap stopped
     * and started again says so), else unless it refused our Bitswap stream.
     */
    public boolean mayServe(PeerId peer) {
        if (!connected.contains(peer) || cutOff.contains(peer)) {
            return false;
        }
        Set<String> known = host.peerstore().get(peer).map(PeerData::protocols).orElse(Set.of());
        return known.isEmpty() ? !withoutBitswap.contains(peer) : !Collections.disjoint(known, protocolIds);
    }

    /** Closes every connection to the peer and ignores what it still sends, for the given reason. */
    public void cutOff(PeerId peer, String reason) {
        if (!cutOff.add(peer)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "cutting off {0}: {1}", peer, reason);
        PeerLink link = links.remove(peer);
        if (link != null) {
            link.close();
        }
        host.connections().stream().filter(c -> c.remotePeer().equals(peer)).forEach(Connection::close);
    }

    /** Queues a received frame for the peer's worker; false when the peer already has too much waiting. */
    boolean received(PeerId peer, byte[] frame) {
        if (cutOff.contains(peer)) {
            return true;
        }
        return queue(peer).offer(() -> process(peer, frame), frame.length);
    }

    private void process(PeerId peer, byte[] frame) {
        if (cutOff.contains(peer)) {
            return;
        }
        BitswapMessage message;
        try {
            message = MessageCodec.decode(frame);
        } catch (MalformedMessageException e) {
            cutOff(peer, e.getMessage());
            return;
        }
        events.message(peer, message);
    }

    @Override
    public void connected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (connected.add(peer)) {
            queue(peer).offer(() -> events.connected(peer), 0);
        }
    }

    @Override
    public void disconnected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (host.connections().stream().anyMatch(c -> c.remotePeer().equals(peer)) || !connected.remove(peer)) {
            return;
        }
        PeerLink link = links.remove(peer);
        if (link != null) {
            link.close();
        }
        PeerQueue queue = queue(peer);
        queue.offer(() -> {
            if (!connected.contains(peer)) {
                cutOff.remove(peer);
                withoutBitswap.remove(peer);
                queues.remove(peer, queue);
            }
            events.disconnected(peer);
        }, 0);
    }

    private PeerQueue queue(PeerId peer) {
        return queues.computeIfAbsent(peer, p -> new PeerQueue(workers, MAX_QUEUED_INPUT));
    }

    private PeerLink newLink(PeerId peer) {
        PeerLink[] self = new PeerLink[1];
        self[0] = new PeerLink(peer, link -> openStream(peer, link), error -> linkFailed(peer, self[0], error));
        return self[0];
    }

    /** A stream on an open connection to the peer (never a new dial: a peer that left is not called back). */
    private CompletionStage<Stream> openStream(PeerId peer, PeerLink link) {
        return host.connections().stream().filter(c -> c.remotePeer().equals(peer)).findFirst()
                .map(c -> c.newStream(protocolIds, s -> new InboundReader(s, this, link)))
                .orElseGet(() -> CompletableFuture.failedFuture(new IOException("not connected to " + peer)));
    }

    private void linkFailed(PeerId peer, PeerLink link, Throwable error) {
        links.remove(peer, link);
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ProtocolException) {
            withoutBitswap.add(peer);
        }
        LOG.log(System.Logger.Level.DEBUG, "bitswap stream to {0} failed: {1}", peer, cause.toString());
        queue(peer).offer(() -> events.linkFailed(peer), 0);
    }

    /** Stops following the host and closes every link. */
    @Override
    public void close() {
        AutoCloseable s = subscription;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "unsubscribing failed", e);
            }
        }
        links.values().forEach(PeerLink::close);
        links.clear();
    }
}
