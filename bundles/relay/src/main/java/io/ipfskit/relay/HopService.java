package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import io.ipfskit.relay.wire.HopMessage;
import io.ipfskit.relay.wire.PeerInfo;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import io.ipfskit.relay.wire.Reservation;
import io.ipfskit.relay.wire.Status;
import io.ipfskit.relay.wire.StopMessage;
import io.ipfskit.relay.wire.Voucher;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The relay service ({@code /libp2p/circuit/relay/0.2.0/hop}): grants reservations with signed vouchers and opens
 * limited circuits to peers holding one, within {@link RelayLimits}. A reservation ends when it expires or when the
 * holder's last connection to us closes; requests arriving over a relayed connection are refused.
 */
final class HopService implements ProtocolHandler, HostListener {

    static final String PROTOCOL = "/libp2p/circuit/relay/0.2.0/hop";
    /** Time a peer has to send its request, and a target to answer the stop request. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(HopService.class.getName());

    private final Host host;
    private final Node node;
    private final RelayLimits limits;
    private final ReservationTable table;
    private final ScheduledExecutorService timers;
    private final Clock clock;

    HopService(Host host, Node node, RelayLimits limits, ScheduledExecutorService timers, Clock clock) {
        this.host = host;
        this.node = node;
        this.limits = limits;
        this.table = new ReservationTable(limits);
        this.timers = timers;
        this.clock = clock;
    }

    /** The relay's account (tests and statistics read it). */
    ReservationTable table() {
        return table;
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public StreamListener accept(Stream stream) {
        FirstMessage reader = new FirstMessage(stream);
        reader.message().orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((body, error) -> {
            if (error != null) {
                stream.reset();
                return;
            }
            try {
                HopMessage request = RelayCodec.decodeHop(body);
                switch (request.type()) {
                    case RESERVE -> reserve(stream);
                    case CONNECT -> connect(stream, reader, request);
                    default -> refuse(stream, Status.UNEXPECTED_MESSAGE);
                }
            } catch (RelayProtocolException e) {
                refuse(stream, Status.MALFORMED_MESSAGE);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "hop request from " + stream.remotePeer() + " failed", e);
                stream.reset();
            }
        });
        return reader;
    }

    private void reserve(Stream stream) {
        PeerId peer = stream.remotePeer();
        Connection connection = directConnection(peer);
        if (connection == null) {
            refuse(stream, Status.PERMISSION_DENIED);
            return;
        }
        Instant now = clock.instant();
        ReservationTable.Refusal refusal = table.reserve(peer, ipOf(connection.remoteAddress()), now);
        if (refusal != null) {
            LOG.log(System.Logger.Level.DEBUG, "reservation of {0} refused: {1}", peer, refusal);
            refuse(stream, refusal == ReservationTable.Refusal.TOO_MANY_FROM_IP ? Status.RESERVATION_REFUSED
                    : Status.RESOURCE_LIMIT_EXCEEDED);
            return;
        }
        long expire = now.plus(limits.reservationTtl()).getEpochSecond();
        byte[] voucher = new Voucher(node.peerId(), peer, expire).seal(node.publicKey(), node::sign);
        List<Multiaddr> addresses = host.listenAddresses().stream().filter(a -> !relayed(a))
                .map(a -> a.withPeerId(node.peerId())).limit(RelayCodec.MAX_ADDRESSES).toList();
        send(stream, new HopMessage(HopMessage.Type.STATUS, null, new Reservation(expire, addresses, voucher),
                limits.circuit(), Status.OK));
        stream.closeWrite();
    }

    private void connect(Stream source, FirstMessage sourceReader, HopMessage request) {
        if (request.peer() == null) {
            refuse(source, Status.MALFORMED_MESSAGE);
            return;
        }
        PeerId from = source.remotePeer();
        PeerId to = request.peer().id();
        if (directConnection(from) == null) {
            refuse(source, Status.PERMISSION_DENIED);
            return;
        }
        if (!table.holds(to, clock.instant())) {
            refuse(source, Status.NO_RESERVATION);
            return;
        }
        ReservationTable.Lease lease = table.circuit(from, to);
        if (lease == null) {
            refuse(source, Status.RESOURCE_LIMIT_EXCEEDED);
            return;
        }
        CompletableFuture<FirstMessage> targetReader = new CompletableFuture<>();
        host.newStream(to, List.of(StopHandler.PROTOCOL), s -> {
            FirstMessage r = new FirstMessage(s);
            targetReader.complete(r);
            return r;
        }).thenCompose(target -> {
            send(target, new StopMessage(StopMessage.Type.CONNECT, PeerInfo.of(from), limits.circuit(), null));
            return targetReader.join().message().thenApply(body -> new Answer(target, body));
        }).toCompletableFuture().orTimeout(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, error) -> {
            if (error != null || !answer.accepted()) {
                lease.close();
                targetReader.thenAccept(FirstMessage::abort);
                refuse(source, Status.CONNECTION_FAILED);
                return;
            }
            send(source, new HopMessage(HopMessage.Type.STATUS, null, null, limits.circuit(), Status.OK));
            Splice.start(source, sourceReader, answer.target(), targetReader.join(), limits.circuit(), timers, lease::close);
        });
    }

    /** The target's stop stream and its answer to our CONNECT. */
    private record Answer(Stream target, byte[] body) {

        boolean accepted() {
            try {
                StopMessage m = RelayCodec.decodeStop(body);
                return m.type() == StopMessage.Type.STATUS && m.status() == Status.OK;
            } catch (RelayProtocolException e) {
                return false;
            }
        }
    }

    private Connection directConnection(PeerId peer) {
        return host.connections().stream().filter(c -> c.remotePeer().equals(peer) && !relayed(c.remoteAddress()))
                .findFirst().orElse(null);
    }

    static boolean relayed(Multiaddr address) {
        return address != null && address.components().stream().anyMatch(c -> c.protocol() == Protocol.P2P_CIRCUIT);
    }

    private static InetAddress ipOf(Multiaddr address) {
        return address == null ? null : address.toSocketAddress().map(InetSocketAddress::getAddress).orElse(null);
    }

    private static void refuse(Stream stream, Status status) {
        send(stream, HopMessage.status(status));
        stream.closeWrite();
    }

    private static void send(Stream stream, HopMessage message) {
        stream.write(RelayCodec.frame(RelayCodec.encode(message)));
    }

    static void send(Stream stream, StopMessage message) {
        stream.write(RelayCodec.frame(RelayCodec.encode(message)));
    }

    @Override
    public void disconnected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (directConnection(peer) == null) {
            table.drop(peer);
        }
    }
}
