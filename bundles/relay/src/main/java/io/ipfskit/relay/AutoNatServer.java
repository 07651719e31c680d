package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.relay.wire.AutoNatCodec;
import io.ipfskit.relay.wire.AutoNatMessage;
import io.ipfskit.relay.wire.AutoNatMessage.ResponseStatus;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The AutoNAT v1 server ({@code /libp2p/autonat/1.0.0}): dials a requester back, on a fresh connection, on those of its
 * addresses that carry the IP we observe it connecting from (never another host: no one can aim us at a third party),
 * within {@link DialBackBudget}; asked over a relayed connection it refuses, having no IP to check against.
 */
final class AutoNatServer implements ProtocolHandler {

    static final String PROTOCOL = "/libp2p/autonat/1.0.0";
    /** The most addresses dialled back for one request. */
    static final int MAX_DIALED = 16;
    static final Duration DIAL_TIMEOUT = Duration.ofSeconds(15);

    private final Host host;
    private final DialBack dialBack;
    private final DialBackBudget budget;
    private final Clock clock;

    AutoNatServer(Host host, DialBack dialBack, DialBackBudget budget, Clock clock) {
        this.host = host;
        this.dialBack = dialBack;
        this.budget = budget;
        this.clock = clock;
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
            AutoNatMessage request;
            try {
                request = AutoNatCodec.decode(body);
            } catch (RelayProtocolException e) {
                answer(stream, ResponseStatus.E_BAD_REQUEST, e.getMessage(), null);
                return;
            }
            serve(stream, request);
        });
        return reader;
    }

    private void serve(Stream stream, AutoNatMessage request) {
        PeerId peer = stream.remotePeer();
        if (request.type() != AutoNatMessage.Type.DIAL || request.dial() == null || !request.dial().id().equals(peer)) {
            answer(stream, ResponseStatus.E_BAD_REQUEST, "expected a DIAL for the requesting peer", null);
            return;
        }
        Optional<Multiaddr> observedAddress = host.connections().stream()
                .filter(c -> c.remotePeer().equals(peer) && !HopService.relayed(c.remoteAddress()))
                .map(Connection::remoteAddress).filter(a -> ipOf(a).isPresent()).findFirst();
        if (observedAddress.isEmpty()) {
            answer(stream, ResponseStatus.E_DIAL_REFUSED, "no direct connection to observe the peer's IP on", null);
            return;
        }
        InetAddress observed = ipOf(observedAddress.get()).orElseThrow();
        // the claimed addresses on the observed IP, then the observed address itself (go-libp2p dials it too): a peer
        // behind a NAT claims only private addresses, and the failed dial to its observed one is what tells it so
        List<Multiaddr> candidates = java.util.stream.Stream.concat(request.dial().addresses().stream()
                .filter(a -> !HopService.relayed(a) && ipOf(a).filter(observed::equals).isPresent())
                .map(Multiaddr::withoutPeerId).distinct().limit(MAX_DIALED - 1),
                java.util.stream.Stream.of(observedAddress.get().withoutPeerId()))
                .distinct().toList();
        if (!budget.take(peer, clock.instant())) {
            answer(stream, ResponseStatus.E_DIAL_REFUSED, "too many dial-backs", null);
            return;
        }
        dialBack.dial(peer, candidates, DIAL_TIMEOUT).whenComplete((address, e) -> {
            if (e != null) {
                answer(stream, ResponseStatus.E_DIAL_ERROR, "dial-back failed", null);
            } else {
                answer(stream, ResponseStatus.OK, null, address);
            }
        });
    }

    private static Optional<InetAddress> ipOf(Multiaddr address) {
        return address == null ? Optional.empty() : address.toSocketAddress().map(InetSocketAddress::getAddress);
    }

    private static void answer(Stream stream, ResponseStatus status, String text, Multiaddr address) {
        stream.write(RelayCodec.frame(AutoNatCodec.encode(AutoNatMessage.response(status, text, address))));
        stream.closeWrite();
    }
}
