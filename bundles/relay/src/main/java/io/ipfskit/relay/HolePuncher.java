package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.HolePunch;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.relay.wire.HolePunchMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * DCUtR ({@code /libp2p/dcutr}, libp2p/specs relay/DCUtR.md): upgrades a relayed connection to a direct one through
 * both NATs. The peer that received the relayed connection initiates: it opens the stream, sends CONNECT with its
 * observed and listen addresses, measures the round trip to the answering CONNECT, sends SYNC and dials after half the
 * round trip, as the simultaneous open's client; the responder dials at SYNC as its server (with a js-libp2p peer
 * the other way round, as js does). Three attempts on the one
 * stream; once a direct connection is up the initiator closes the relayed ones after {@link #GRACE}. One exchange per
 * peer at a time, {@link #MAX_SESSIONS} in all; when both ends initiate at once, the one with the smaller peer id keeps
 * initiating. When both CONNECTs carry QUIC addresses (and the peer is not js-libp2p) the punch is over QUIC (the last attempt over TCP when both offered TCP too: a network may drop UDP),
 * with the spec's roles: the responder dials (QUIC's client) at SYNC, the initiator opens its NAT with packets after half
 * the round trip and takes the connection.
 */
final class HolePuncher implements ProtocolHandler, HostListener {

    static final String PROTOCOL = "/libp2p/dcutr";
    /** Attempts per relayed connection (the spec's one and two retries). */
    static final int ATTEMPTS = 3;
    /** How long a message of the exchange may take to arrive. */
    static final Duration STEP = Duration.ofSeconds(10);
    /** How long the dials of one attempt may take. */
    static final Duration PUNCH = Duration.ofSeconds(5);
    /** How long the relayed connection stays once the direct one is up (streams on it end meanwhile). */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** The most addresses we send, and dial, per attempt. */
    static final int MAX_ADDRESSES = 16;
    /** How long the initiator waits for identify before it starts. */
    static final Duration IDENTIFY_WAIT = Duration.ofSeconds(3);
    /** Exchanges in progress at once. */
    static final int MAX_SESSIONS = 16;
    private static final System.Logger LOG = System.getLogger(HolePuncher.class.getName());

    private final Host host;
    private final HolePunch punch;
    private final Supplier<List<Multiaddr>> observed;
    private final ScheduledExecutorService timers;
    private final Map<PeerId, Session> sessions = new ConcurrentHashMap<>();

    /** An exchange with one peer. */
    private static final class Session {
        final boolean initiating;
        volatile boolean aborted;

        Session(boolean initiating) {
            this.initiating = initiating;
        }
    }

    HolePuncher(Host host, HolePunch punch, Supplier<List<Multiaddr>> observed, ScheduledExecutorService timers) {
        this.host = host;
        this.punch = punch;
        this.observed = observed;
        this.timers = timers;
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public void connected(Connection connection) {
        if (connection.direction() == Direction.INBOUND && HopService.relayed(connection.remoteAddress())) {
            afterIdentify(connection, System.nanoTime() + IDENTIFY_WAIT.toNanos());
        }
    }

    /**
     * Initiates once identify told the peer's agent (which decides the roles), or after {@link #IDENTIFY_WAIT} without
     * it; polls the peerstore, so no service of identify's is needed.
     */
    private void afterIdentify(Connection relayed, long deadline) {
        boolean known = host.peerstore().get(relayed.remotePeer()).map(d -> d.agentVersion() != null).orElse(false);
        if (known || System.nanoTime() > deadline) {
            initiate(relayed);
        } else {
            timers.schedule(() -> afterIdentify(relayed, deadline), 50, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs the initiator's side over the relayed connection; completes with the direct connection, or fails when no
     * attempt made one (or another exchange with the peer is under way, or there is a direct connection already).
     */
    CompletionStage<Connection> initiate(Connection relayed) {
        PeerId peer = relayed.remotePeer();
        CompletableFuture<Connection> result = new CompletableFuture<>();
        if (direct(peer)) {
            return CompletableFuture.failedFuture(new IllegalStateException("a direct connection exists already"));
        }
        Session session = begin(peer, true);
        if (session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("an exchange with " + peer + " is under way"));
        }
        long started = System.nanoTime();
        AtomicReference<HolePunchStream> opened = new AtomicReference<>();
        relayed.newStream(List.of(PROTOCOL), stream -> {
            opened.set(new HolePunchStream(stream));
            return opened.get();
        }).whenComplete((stream, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                attempt(session, opened.get(), peer, 1, started, result);
            }
        });
        result.whenComplete((direct, error) -> {
            sessions.remove(peer, session);
            if (error == null) {
                timers.schedule(() -> closeRelayed(peer), GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                LOG.log(System.Logger.Level.INFO, "hole punch to {0} failed: {1}", peer, error.getMessage());
            }
        });
        return result;
    }

    /** Closes every relayed connection to the peer (each end may have dialled the other through the relay). */
    private void closeRelayed(PeerId peer) {
        host.connections().stream().filter(c -> c.remotePeer().equals(peer) && HopService.relayed(c.remoteAddress()))
                .forEach(Connection::close);
    }

    private void attempt(Session session, HolePunchStream stream, PeerId peer, int attempt, long started,
            CompletableFuture<Connection> result) {
        if (session.aborted) {
            stream.reset();
            result.completeExceptionally(new IllegalStateException("the peer initiates the exchange itself"));
            return;
        }
        long sent = System.nanoTime();
        AtomicBoolean dialled = new AtomicBoolean();
        List<Multiaddr> ours = ours();
        stream.send(HolePunchMessage.connect(ours));
        stream.next(STEP).thenCompose(reply -> {
            List<Multiaddr> theirs = dialable(reply);
            Duration rtt = Duration.ofNanos(System.nanoTime() - sent);
            Punch plan = plan(peer, ours, theirs, attempt);
            CompletionStage<Connection> direct = punch.connectDirect(peer, plan.theirs(), !plan.quic() && !jsRoles(peer),
                    rtt.dividedBy(2), PUNCH);
            stream.send(HolePunchMessage.sync());
            dialled.set(true);
            LOG.log(System.Logger.Level.DEBUG, "hole punch to {0}, attempt {1}: RTT {2} ms, dialling {3}", peer, attempt,
                    rtt.toMillis(), theirs);
            return direct;
        }).whenComplete((direct, error) -> {
            if (error == null) {
                LOG.log(System.Logger.Level.INFO, "hole punch: direct connection to {0} at {1} on attempt {2}, {3} ms "
                        + "after the relayed one", peer, direct.remoteAddress(), attempt,
                        (System.nanoTime() - started) / 1_000_000);
                stream.close();
                result.complete(direct);
            } else if (attempt < ATTEMPTS && dialled.get()) {
                LOG.log(System.Logger.Level.DEBUG, "hole punch to {0}, attempt {1} failed: {2}", peer, attempt, error);
                attempt(session, stream, peer, attempt + 1, started, result);
            } else {
                stream.reset();
                result.completeExceptionally(error);
            }
        });
    }

    @Override
    public StreamListener accept(Stream stream) {
        PeerId peer = stream.remotePeer();
        HolePunchStream h = new HolePunchStream(stream);
        Session mine = sessions.get(peer);
        if (mine != null && mine.initiating && host.peerId().toString().compareTo(peer.toString()) < 0) {
            h.reset();
            return h;
        }
        if (mine != null && mine.initiating) {
            mine.aborted = true;
            sessions.remove(peer, mine);
        }
        Session session = begin(peer, false);
        if (session == null) {
            h.reset();
            return h;
        }
        respond(session, h, peer, 1);
        return h;
    }

    private void respond(Session session, HolePunchStream stream, PeerId peer, int attempt) {
        stream.next(STEP.plus(PUNCH)).thenCompose(connect -> {
            List<Multiaddr> theirs = dialable(connect);
            List<Multiaddr> ours = ours();
            stream.send(HolePunchMessage.connect(ours));
            return stream.next(STEP).thenApply(sync -> {
                if (sync.type() != HolePunchMessage.Type.SYNC) {
                    throw new IllegalStateException("expected SYNC, got " + sync.type());
                }
                return plan(peer, ours, theirs, attempt);
            });
        }).whenComplete((plan, error) -> {
            if (error != null) {
                sessions.remove(peer, session);
                stream.reset();
                return;
            }
            // over QUIC the responder is the client that dials
            punch.connectDirect(peer, plan.theirs(), plan.quic() || jsRoles(peer),
                    Duration.ZERO, PUNCH).whenComplete((c, e) ->
                    LOG.log(System.Logger.Level.DEBUG, "hole punch from {0}, attempt {1}: {2}", peer, attempt,
                            e == null ? "direct at " + c.remoteAddress() : e.toString()));
            if (attempt < ATTEMPTS) {
                respond(session, stream, peer, attempt + 1);
            } else {
                sessions.remove(peer, session);
                stream.close();
            }
        });
    }

    /**
     * Whether the peer takes js-libp2p's roles: its {@code @libp2p/dcutr} (2.0.38) dials as the initiator with
     * {@code initiator: false}, so the initiator is the server and the responder the client, where go-libp2p (and we,
     * by default) make the initiator the client.
     */
    private boolean jsRoles(PeerId peer) {
        return host.peerstore().get(peer).map(d -> d.agentVersion() != null && d.agentVersion().startsWith("js-libp2p"))
                .orElse(false);
    }

    /** Starts an exchange with the peer, unless one is under way or too many are. */
    private Session begin(PeerId peer, boolean initiating) {
        if (sessions.size() >= MAX_SESSIONS) {
            return null;
        }
        Session fresh = new Session(initiating);
        return sessions.putIfAbsent(peer, fresh) == null ? fresh : null;
    }

    private boolean direct(PeerId peer) {
        return host.connections().stream().anyMatch(c -> c.remotePeer().equals(peer)
                && !HopService.relayed(c.remoteAddress()));
    }

    /** What we offer in CONNECT ({@link PunchAddresses#offer}). */
    private List<Multiaddr> ours() {
        return PunchAddresses.offer(observed.get(), host.listenAddresses(), MAX_ADDRESSES);
    }

    /** The peer's addresses an attempt punches to, and whether over QUIC alone. */
    private record Punch(List<Multiaddr> theirs, boolean quic) {
    }

    /**
     * What an attempt punches (both ends decide alike, from the same two CONNECTs and the attempt's number): QUIC when
     * both offered it and the peer is not js-libp2p's ({@link PunchAddresses#quicAttempt}), else the other addresses.
     */
    private Punch plan(PeerId peer, List<Multiaddr> ours, List<Multiaddr> theirs, int attempt) {
        boolean quic = !jsRoles(peer) && PunchAddresses.quicAttempt(ours, theirs, attempt, ATTEMPTS);
        return new Punch(quic ? PunchAddresses.quic(theirs) : PunchAddresses.notQuic(theirs), quic);
    }

    /** The CONNECT's addresses we can dial directly (IP and port, nothing relayed), at most {@link #MAX_ADDRESSES}. */
    private static List<Multiaddr> dialable(HolePunchMessage connect) {
        if (connect.type() != HolePunchMessage.Type.CONNECT) {
            throw new IllegalStateException("expected CONNECT, got " + connect.type());
        }
        List<Multiaddr> out = connect.addresses().stream().filter(a -> !HopService.relayed(a))
                .filter(a -> a.toSocketAddress().map(s -> !s.isUnresolved()).orElse(false)).distinct()
                .limit(MAX_ADDRESSES).toList();
        if (out.isEmpty()) {
            throw new IllegalStateException("CONNECT without a dialable address");
        }
        return out;
    }
}
