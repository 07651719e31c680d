package io.ipfskit.relay;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.TestHost;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Three hosts on loopback: a relay, A (reserving on it, serving echo) and B (dialling A through it). */
final class RelayRig implements AutoCloseable {

    static final String ECHO = "/test/echo/1.0.0";

    final TestHost relay = new TestHost();
    final TestHost a = new TestHost();
    final TestHost b = new TestHost();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    final HopService hop;
    final Reservations aRelays;

    RelayRig(RelayLimits limits) {
        hop = new HopService(relay.host, relay.node, limits, timers, Clock.systemUTC());
        relay.host.addProtocolHandler(hop);
        relay.host.subscribe(hop);
        aRelays = new Reservations(a.host, List.of(relay.address()), timers, Clock.systemUTC());
        a.host.subscribe(aRelays);
        RelayTransport aTransport = new RelayTransport(a.host, loops, aRelays::addresses);
        aRelays.onChange(aTransport::addressesChanged);
        a.host.addTransport(aTransport);
        a.host.addProtocolHandler(new StopHandler(a.host, aTransport, aRelays::reservedOn));
        a.host.addProtocolHandler(new EchoProtocol(ECHO));
        b.host.addTransport(new RelayTransport(b.host, loops, List::of));
    }

    /** A's TCP address, ending in /p2p/A (its listen addresses include the relayed one once it reserved). */
    Multiaddr aDirect() {
        return a.host.listenAddresses().stream().filter(x -> !HopService.relayed(x)).findFirst().orElseThrow()
                .withPeerId(a.node.peerId());
    }

    /** A's address through the relay, ending in /p2p/A. */
    Multiaddr aThroughRelay() {
        return relay.address().encapsulate(Multiaddr.parse("/p2p-circuit")).withPeerId(a.node.peerId());
    }

    @Override
    public void close() throws InterruptedException {
        aRelays.close();
        b.close();
        a.close();
        relay.close();
        timers.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
