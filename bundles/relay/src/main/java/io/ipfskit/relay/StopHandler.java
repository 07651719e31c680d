package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import io.ipfskit.relay.wire.Status;
import io.ipfskit.relay.wire.StopMessage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The target's end of a circuit ({@code /libp2p/circuit/relay/0.2.0/stop}): a relay we hold a reservation on announces
 * a peer; we answer OK and the stream becomes an inbound connection the host upgrades. Circuits from any other peer are
 * refused (PERMISSION_DENIED), so nobody relays to us unasked.
 */
final class StopHandler implements ProtocolHandler {

    static final String PROTOCOL = "/libp2p/circuit/relay/0.2.0/stop";
    private static final System.Logger LOG = System.getLogger(StopHandler.class.getName());

    private final Host host;
    private final RelayTransport transport;
    private final Predicate<PeerId> reservedOn;

    StopHandler(Host host, RelayTransport transport, Predicate<PeerId> reservedOn) {
        this.host = host;
        this.transport = transport;
        this.reservedOn = reservedOn;
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public StreamListener accept(Stream stream) {
        FirstMessage reader = new FirstMessage(stream);
        reader.message().orTimeout(HopService.STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((body, error) -> {
            if (error != null) {
                stream.reset();
                return;
            }
            PeerId relay = stream.remotePeer();
            StopMessage request;
            try {
                request = RelayCodec.decodeStop(body);
            } catch (RelayProtocolException e) {
                refuse(stream, Status.MALFORMED_MESSAGE);
                return;
            }
            if (request.type() != StopMessage.Type.CONNECT || request.peer() == null) {
                refuse(stream, Status.UNEXPECTED_MESSAGE);
                return;
            }
            if (!reservedOn.test(relay)) {
                LOG.log(System.Logger.Level.DEBUG, "refusing a circuit from {0}: no reservation there", relay);
                refuse(stream, Status.PERMISSION_DENIED);
                return;
            }
            if (!transport.listening()) {
                refuse(stream, Status.CONNECTION_FAILED);
                return;
            }
            Multiaddr relayAddress = host.connections().stream().filter(c -> c.remotePeer().equals(relay))
                    .map(Connection::remoteAddress).findFirst().orElse(Multiaddr.parse("/p2p/" + relay))
                    .withPeerId(relay).encapsulate(Multiaddr.parse("/p2p-circuit"));
            HopService.send(stream, StopMessage.status(Status.OK));
            transport.accept(stream, reader, relayAddress).whenComplete((channel, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.DEBUG, "circuit from {0} via {1} not taken: {2}", request.peer().id(),
                            relay, failure.toString());
                    stream.reset();
                }
            });
        });
        return reader;
    }

    private static void refuse(Stream stream, Status status) {
        HopService.send(stream, StopMessage.status(status));
        stream.closeWrite();
    }
}
