package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.relay.wire.AutoNatCodec;
import io.ipfskit.relay.wire.AutoNatMessage;
import io.ipfskit.relay.wire.AutoNatMessage.ResponseStatus;
import io.ipfskit.relay.wire.PeerInfo;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The AutoNAT v1 client: asks up to {@link #SERVERS_PER_PROBE} connected peers that serve AutoNAT to dial us back on
 * our direct addresses. A dial-back that worked votes public, one that failed votes private (refusals and errors do not
 * vote); {@link #CONFIRMATIONS} votes in a row for the other state change the reachability, which starts unknown.
 */
final class AutoNatClient {

    static final int CONFIRMATIONS = 3;
    static final int SERVERS_PER_PROBE = 3;
    private static final System.Logger LOG = System.getLogger(AutoNatClient.class.getName());

    private final Host host;
    private final Consumer<Reachability> changed;
    private volatile Reachability reachability = Reachability.UNKNOWN;
    private Reachability streak = Reachability.UNKNOWN;
    private int agreeing;

    AutoNatClient(Host host, Consumer<Reachability> changed) {
        this.host = host;
        this.changed = changed;
    }

    /** The reachability found so far. */
    Reachability reachability() {
        return reachability;
    }

    /** Probes after {@code first}, then every {@code every}. */
    void schedule(ScheduledExecutorService timers, Duration first, Duration every) {
        timers.scheduleWithFixedDelay(this::probe, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks up to three connected AutoNAT servers, chosen at random; completes when all answered or failed. */
    CompletableFuture<Void> probe() {
        List<PeerId> servers = new ArrayList<>(host.connections().stream().map(Connection::remotePeer).distinct()
                .filter(p -> host.peerstore().get(p).map(PeerData::protocols).orElse(java.util.Set.of())
                        .contains(AutoNatServer.PROTOCOL)).toList());
        Collections.shuffle(servers);
        return CompletableFuture.allOf(servers.stream().limit(SERVERS_PER_PROBE)
                .map(p -> ask(p).toCompletableFuture().handle((status, e) -> {
                    if (e != null) {
                        LOG.log(System.Logger.Level.DEBUG, "AutoNAT request to {0} failed: {1}", p, e.toString());
                    } else {
                        record(status);
                    }
                    return null;
                })).toArray(CompletableFuture[]::new));
    }

    /** Asks one server to dial us back on our direct listen addresses; completes with its answer's status. */
    CompletionStage<ResponseStatus> ask(PeerId server) {
        return ask(server, host.listenAddresses().stream().filter(a -> !HopService.relayed(a))
                .limit(RelayCodec.MAX_ADDRESSES).toList());
    }

    /** Asks one server to dial us back on these addresses. */
    CompletionStage<ResponseStatus> ask(PeerId server, List<Multiaddr> ours) {
        CompletableFuture<FirstMessage> reader = new CompletableFuture<>();
        return host.newStream(server, List.of(AutoNatServer.PROTOCOL), s -> {
            FirstMessage r = new FirstMessage(s);
            reader.complete(r);
            return r;
        }).thenCompose(stream -> {
            stream.write(RelayCodec.frame(AutoNatCodec.encode(AutoNatMessage.dial(new PeerInfo(host.peerId(), ours)))));
            stream.closeWrite();
            return reader.join().message().orTimeout(AutoNatServer.DIAL_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS)
                    .thenApply(body -> status(stream, body));
        });
    }

    private static ResponseStatus status(Stream stream, byte[] body) {
        try {
            AutoNatMessage answer = AutoNatCodec.decode(body);
            if (answer.type() != AutoNatMessage.Type.DIAL_RESPONSE || answer.status() == null) {
                throw new RelayProtocolException("expected a DIAL_RESPONSE");
            }
            return answer.status();
        } catch (RelayProtocolException e) {
            stream.reset();
            throw new CompletionException(e);
        }
    }

    /** Counts one answer. */
    synchronized void record(ResponseStatus status) {
        Reachability vote = switch (status) {
            case OK -> Reachability.PUBLIC;
            case E_DIAL_ERROR -> Reachability.PRIVATE;
            default -> null;
        };
        if (vote == null) {
            return;
        }
        agreeing = vote == streak ? agreeing + 1 : 1;
        streak = vote;
        if (agreeing >= CONFIRMATIONS && reachability != vote) {
            reachability = vote;
            LOG.log(System.Logger.Level.INFO, "reachability: {0}", vote.label());
            changed.accept(vote);
        }
    }
}
