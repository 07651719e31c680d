package io.ipfskit.discovery.pubsub;

import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.pubsub.PubSub;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * PubSub peer discovery as {@code @libp2p/pubsub-peer-discovery}: subscribed to {@value PeerMessage#TOPIC}, it
 * publishes our public key and listen addresses every interval (the first at once; skipped while no peer is on the
 * topic, as js) and reports every other peer whose announcement it hears (signed by that peer: see {@link PeerMessage}).
 * Stops with the PubSub's bundle or its own.
 */
@Component(service = PeerDiscovery.class, property = PeerDiscovery.NAME + "=pubsub",
        configurationPid = "io.ipfskit.discovery.pubsub", immediate = true)
@Designate(ocd = PubsubDiscoveryConfig.class)
public final class PubsubPeerDiscovery implements PeerDiscovery {

    private static final System.Logger LOG = System.getLogger(PubsubPeerDiscovery.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);

    private final List<Consumer<PeerInfo>> listeners = new CopyOnWriteArrayList<>();
    private final PubSub pubsub;
    private final PeerId self;
    private final PublicKey key;
    private final Supplier<List<Multiaddr>> addresses;
    private final Subscription subscription;
    private final ScheduledExecutorService threads;

    /** Subscribes, starts listening and (unless listen-only) announcing. */
    @Activate
    public PubsubPeerDiscovery(@Reference PubSub pubsub, @Reference Host host, @Reference Node node,
            PubsubDiscoveryConfig config) {
        this(pubsub, node.peerId(), node.publicKey(), host::listenAddresses, Duration.ofSeconds(config.intervalSeconds()),
                config.listenOnly());
    }

    /** As a node with this identity and these listen addresses. */
    PubsubPeerDiscovery(PubSub pubsub, PeerId self, PublicKey key, Supplier<List<Multiaddr>> addresses,
            Duration interval, boolean listenOnly) {
        this.pubsub = pubsub;
        this.self = self;
        this.key = key;
        this.addresses = addresses;
        subscription = pubsub.subscribe(PeerMessage.TOPIC);
        threads = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "ipfskit-pubsub-discovery");
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::listen);
        if (!listenOnly) {
            threads.scheduleWithFixedDelay(this::announce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<PeerInfo> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Publishes our announcement when a peer is on the topic to hear it. */
    void announce() {
        if (pubsub.peers(PeerMessage.TOPIC).isEmpty()) {
            return;
        }
        List<Multiaddr> ours = addresses.get().stream().map(a -> a.withPeerId(self)).toList();
        pubsub.publish(PeerMessage.TOPIC, PeerMessage.encode(key, ours))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.log(System.Logger.Level.DEBUG, "pubsub discovery: announcement failed: {0}", failure.toString());
                    }
                });
    }

    /** Reports the peers heard until the subscription closes. */
    private void listen() {
        try {
            while (!subscription.closed()) {
                Optional<PubSubMessage> message = subscription.next(POLL);
                message.filter(m -> !self.equals(m.from())).flatMap(PeerMessage::read).ifPresent(this::report);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells every subscriber; one that throws is logged and the others still told. */
    private void report(PeerInfo peer) {
        for (Consumer<PeerInfo> listener : listeners) {
            try {
                listener.accept(peer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "pubsub discovery: a subscriber failed on " + peer.peerId(), e);
            }
        }
    }

    /** Leaves the topic and stops both threads. */
    @Deactivate
    void deactivate() {
        listeners.clear();
        subscription.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
