package io.ipfskit.relay;

import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import io.ipfskit.relay.wire.HopMessage;
import io.ipfskit.relay.wire.PeerInfo;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.Status;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The relay client as a transport for {@code <relay address>/p2p/<relay>/p2p-circuit/p2p/<target>}: dialling sends the
 * relay a CONNECT and, once it answers OK, hands the host the relayed stream as a channel to upgrade (Noise or TLS, then
 * a muxer, as over TCP). Listening on {@code /p2p-circuit} keeps the host's initializer for the circuits relays open to
 * us, and the listener's addresses are those of the reservations held now.
 */
final class RelayTransport implements Transport {

    private static final Multiaddr CIRCUIT = Multiaddr.parse("/p2p-circuit");

    private final Host host;
    private final EventLoopGroup loops;
    private final Supplier<List<Multiaddr>> reservedAddresses;
    private volatile ChannelHandler inbound;
    /** The host's callback for a change of our relayed addresses. */
    private volatile Runnable addressesChanged = () -> { };

    RelayTransport(Host host, EventLoopGroup loops, Supplier<List<Multiaddr>> reservedAddresses) {
        this.host = host;
        this.loops = loops;
        this.reservedAddresses = reservedAddresses;
    }

    @Override
    public boolean handles(Multiaddr address) {
        List<Multiaddr.Component> parts = address.components();
        int circuit = circuitIndex(parts);
        if (circuit < 0) {
            return false;
        }
        boolean listenOnly = circuit == 0 && parts.size() == 1;
        boolean relayNamed = circuit > 0 && parts.get(circuit - 1).protocol() == Protocol.P2P;
        boolean rest = parts.size() == circuit + 1
                || parts.size() == circuit + 2 && parts.get(circuit + 1).protocol() == Protocol.P2P;
        return (listenOnly || relayNamed) && rest;
    }

    private static int circuitIndex(List<Multiaddr.Component> parts) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).protocol() == Protocol.P2P_CIRCUIT) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public CompletionStage<Channel> dial(Multiaddr address, Duration timeout, ChannelHandler initializer) {
        List<Multiaddr.Component> parts = address.components();
        int circuit = circuitIndex(parts);
        if (!handles(address) || circuit == 0 || address.peerId().isEmpty() || parts.size() != circuit + 2) {
            return CompletableFuture.failedFuture(new IOException("not a relayed address with a target: " + address));
        }
        Multiaddr relay = Multiaddr.of(parts.subList(0, circuit));
        PeerId target = address.peerId().get();
        CompletableFuture<FirstMessage> reader = new CompletableFuture<>();
        CompletableFuture<Channel> result = host.connect(relay)
                .thenCompose(c -> c.newStream(List.of(HopService.PROTOCOL), s -> {
                    FirstMessage r = new FirstMessage(s);
                    reader.complete(r);
                    return r;
                }))
                .thenCompose(stream -> {
                    stream.write(RelayCodec.frame(RelayCodec.encode(HopMessage.connect(PeerInfo.of(target)))));
                    return reader.join().message().thenCompose(body -> {
                        try {
                            HopMessage answer = RelayCodec.decodeHop(body);
                            if (answer.type() != HopMessage.Type.STATUS || answer.status() != Status.OK) {
                                stream.reset();
                                return CompletableFuture.failedFuture(new IOException("relay " + relay + " refused: "
                                        + (answer.status() == null ? answer.type() : answer.status())));
                            }
                        } catch (IOException e) {
                            stream.reset();
                            return CompletableFuture.failedFuture(e);
                        }
                        Multiaddr remote = Multiaddr.of(parts.subList(0, circuit + 1));
                        return start(stream, reader.join(), CIRCUIT, remote, initializer);
                    });
                }).toCompletableFuture();
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((c, e) -> {
            if (e != null) {
                reader.thenAccept(FirstMessage::abort);
            }
        });
        return result;
    }

    /** Whether the host listens for relayed connections. */
    boolean listening() {
        return inbound != null;
    }

    /**
     * Takes a circuit a relay opened to us (the stop handler accepted it): upgraded inbound by the host, as an accepted
     * TCP channel is. Fails when the host does not listen on {@code /p2p-circuit}.
     */
    CompletionStage<Channel> accept(Stream stream, FirstMessage reader, Multiaddr relay) {
        ChannelHandler initializer = inbound;
        if (initializer == null) {
            return CompletableFuture.failedFuture(new IOException("not listening for relayed connections"));
        }
        return start(stream, reader, CIRCUIT, relay, initializer);
    }

    private CompletionStage<Channel> start(Stream stream, FirstMessage reader, Multiaddr local, Multiaddr remote,
            ChannelHandler initializer) {
        StreamChannel channel = new StreamChannel(stream, local, remote);
        channel.pipeline().addLast(initializer);
        CompletableFuture<Channel> result = new CompletableFuture<>();
        loops.next().register(channel).addListener(f -> {
            if (f.isSuccess()) {
                reader.handOver(channel.reader());
                result.complete(channel);
            } else {
                stream.reset();
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    @Override
    public Listener listen(Multiaddr address, ChannelHandler initializer) throws IOException {
        if (!address.equals(CIRCUIT)) {
            throw new IOException("relayed connections are listened for on /p2p-circuit alone, not " + address);
        }
        inbound = initializer;
        return new Listener() {
            @Override
            public Multiaddr address() {
                return CIRCUIT;
            }

            @Override
            public List<Multiaddr> addresses() {
                return reservedAddresses.get();
            }

            @Override
            public void onAddressesChanged(Runnable changed) {
                addressesChanged = changed;
            }

            @Override
            public void close() {
                inbound = null;
            }
        };
    }

    /** Tells the host that our relayed addresses changed (a reservation came or went). */
    void addressesChanged() {
        addressesChanged.run();
    }

    @Override
    public Multiaddr remoteAddress(Channel channel) {
        return ((StreamChannel) channel).remoteMultiaddr();
    }

    @Override
    public Multiaddr localAddress(Channel channel) {
        return ((StreamChannel) channel).localMultiaddr();
    }
}
