package io.ipfskit.protocol.pubsub;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.api.pubsub.PubSub;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import io.ipfskit.api.pubsub.TopicValidator;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import io.ipfskit.protocol.pubsub.net.InboundReader;
import io.ipfskit.protocol.pubsub.net.PeerLink;
import io.ipfskit.protocol.pubsub.router.GossipParams;
import io.ipfskit.protocol.pubsub.router.GossipRouter;
import io.ipfskit.protocol.pubsub.router.PeerProtocol;
import io.ipfskit.protocol.pubsub.router.ScoreParams;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The node's {@link PubSub}: a {@link GossipRouter} run on one thread (RPCs, heartbeats and our calls in turn), one
 * outbound stream per pubsub peer (opened when a connection comes up, newest protocol first), inbound streams read
 * under backpressure, and a handler per protocol id registered while active. On deactivate the thread stops and every
 * stream, ours and the peers', is reset.
 */
@Component(service = {PubSub.class, PubSubService.class}, immediate = true)
public final class PubSubService implements PubSub, HostListener {

    private static final System.Logger LOG = System.getLogger(PubSubService.class.getName());
    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final int MAX_LINK_ATTEMPTS = 3;

    private final Host host;
    private final ScheduledExecutorService loop;
    private final GossipRouter router;
    private final Map<PeerId, PeerLink> links = new ConcurrentHashMap<>();
    private final Set<Stream> inbound = ConcurrentHashMap.newKeySet();
    private final Set<PeerId> opening = ConcurrentHashMap.newKeySet();
    private final Map<PeerId, Integer> relinks = new ConcurrentHashMap<>();
    private final Map<String, List<SubscriptionQueue>> subscriptions = new ConcurrentHashMap<>();
    private final List<ServiceRegistration<ProtocolHandler>> registrations = new ArrayList<>();
    private final AutoCloseable hostSubscription;
    private volatile boolean closed;

    /** A router for the node on the host, with go-libp2p-pubsub's parameters; outside OSGi add {@link #handlers()}. */
    public PubSubService(Host host, Node node, GossipParams params, ScoreParams scoreParams) {
        this.host = host;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipfskit-pubsub-router");
            t.setDaemon(true);
            return t;
        });
        this.router = new GossipRouter(params, scoreParams, node.peerId(), node.publicKey(), node::sign, new Port(),
                System::nanoTime, new SecureRandom(), System.currentTimeMillis() * 1_000_000L);
        long beat = params.heartbeat().toMillis();
        loop.scheduleAtFixedRate(this::heartbeat, 100, beat, TimeUnit.MILLISECONDS);
        this.hostSubscription = host.subscribe(this);
        host.connections().forEach(this::connected);
    }

    /** The OSGi component: registers a handler per protocol id. */
    @Activate
    public PubSubService(@Reference Host host, @Reference Node node, BundleContext context) {
        this(host, node, GossipParams.DEFAULTS, ScoreParams.DEFAULTS);
        for (ProtocolHandler handler : handlers()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ProtocolHandler.PROTOCOL_ID, handler.protocolId());
            registrations.add(context.registerService(ProtocolHandler.class, handler, properties));
        }
    }

    /** One handler per pubsub protocol id, newest first. */
    public List<ProtocolHandler> handlers() {
        return PeerProtocol.ids().stream().map(id -> (ProtocolHandler) new ProtocolHandler() {
            @Override
            public String protocolId() {
                return id;
            }

            @Override
            public StreamListener accept(Stream stream) {
                return inbound(stream);
            }
        }).toList();
    }

    /** Stops: handlers unregistered, streams reset, subscriptions closed, the router's thread ended. */
    @Deactivate
    public void close() throws Exception {
        closed = true;
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        hostSubscription.close();
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
        links.values().forEach(PeerLink::close);
        links.clear();
        inbound.forEach(Stream::reset);
        inbound.clear();
        subscriptions.values().forEach(list -> List.copyOf(list).forEach(SubscriptionQueue::close));
    }

    // ---- PubSub

    @Override
    public Subscription subscribe(String topic) {
        SubscriptionQueue queue = new SubscriptionQueue(topic, this::unsubscribed);
        subscriptions.compute(topic, (t, list) -> {
            List<SubscriptionQueue> all = list == null ? new CopyOnWriteArrayList<>() : list;
            all.add(queue);
            return all;
        });
        run(() -> router.join(topic));
        return queue;
    }

    private void unsubscribed(SubscriptionQueue queue) {
        boolean[] last = {false};
        subscriptions.computeIfPresent(queue.topic(), (t, list) -> {
            list.remove(queue);
            last[0] = list.isEmpty();
            return list.isEmpty() ? null : list;
        });
        if (last[0] && !closed) {
            run(() -> router.leave(queue.topic()));
        }
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    router.publish(topic, data);
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("pubsub stopped"));
        }
        return done;
    }

    @Override
    public AutoCloseable addValidator(String topic, TopicValidator validator) {
        run(() -> router.addValidator(topic, validator));
        return () -> run(() -> router.removeValidator(topic, validator));
    }

    @Override
    public Set<String> topics() {
        return call(router::topics);
    }

    @Override
    public Set<PeerId> peers(String topic) {
        return call(() -> router.peers(topic));
    }

    /** Our mesh peers of the topic. */
    public Set<PeerId> mesh(String topic) {
        return call(() -> router.mesh(topic));
    }

    /** Runs a read of the router on its thread. */
    private <T> T call(Callable<T> read) {
        try {
            return loop.submit(read).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("pubsub router: " + e, e);
        }
    }

    private void run(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException stopped) {
            // the router is gone with the component
        }
    }

    private void heartbeat() {
        try {
            router.heartbeat();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "pubsub heartbeat failed", e);
        }
    }

    // ---- connections and streams

    @Override
    public void connected(Connection connection) {
        openLink(connection.remotePeer());
    }

    @Override
    public void disconnected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (host.connections().stream().noneMatch(c -> c.remotePeer().equals(peer))) {
            PeerLink link = links.remove(peer);
            if (link != null) {
                link.close();
            }
            relinks.remove(peer);
            run(() -> router.removePeer(peer));
        }
    }

    private StreamListener inbound(Stream stream) {
        PeerId peer = stream.remotePeer();
        if (closed) {
            stream.reset();
            return new InboundReader(stream, (rpc, done) -> done.run(), reason -> { }, () -> { });
        }
        inbound.add(stream);
        if (!links.containsKey(peer)) {
            openLink(peer);
        }
        return new InboundReader(stream, (rpc, done) -> {
            try {
                loop.execute(() -> {
                    try {
                        router.handle(peer, rpc);
                    } finally {
                        done.run();
                    }
                });
            } catch (RejectedExecutionException stopped) {
                done.run();
            }
        }, reason -> {
            LOG.log(System.Logger.Level.DEBUG, "pubsub stream of {0} reset: {1}", peer, reason);
            run(() -> router.malformed(peer));
        }, () -> inbound.remove(stream));
    }

    /** Opens our stream to the peer, one attempt at a time (a lost stream is reopened at most 3 times per connection). */
    private void openLink(PeerId peer) {
        if (closed || links.containsKey(peer) || !opening.add(peer)) {
            return;
        }
        host.newStream(peer, PeerProtocol.ids(), s -> new StreamListener() {
            @Override
            public void onData(byte[] data) {
                // nothing is read on our own stream
            }

            @Override
            public void onRemoteClose() {
                // the peer may half-close; our direction stays
            }

            @Override
            public void onReset() {
                linkLost(peer, s);
            }
        }).whenComplete((stream, error) -> {
            opening.remove(peer);
            if (error != null || closed) {
                if (stream != null) {
                    stream.reset();
                }
                return;
            }
            PeerProtocol protocol = PeerProtocol.of(stream.protocolId()).orElseThrow();
            PeerLink link = new PeerLink(stream, GossipParams.DEFAULTS.maxQueuedRpcs(), 8L * RpcCodec.MAX_RPC);
            links.put(peer, link);
            Connection connection = host.connections().stream().filter(c -> c.remotePeer().equals(peer)).findFirst()
                    .orElse(null);
            boolean dialled = connection != null && connection.direction() == Direction.OUTBOUND;
            String ip = connection == null ? null : ip(connection.remoteAddress());
            run(() -> router.addPeer(peer, protocol, dialled, ip));
        });
    }

    private void linkLost(PeerId peer, Stream stream) {
        PeerLink link = links.get(peer);
        if (link == null || link.stream() != stream || !links.remove(peer, link)) {
            return;
        }
        run(() -> router.removePeer(peer));
        if (!closed && relinks.merge(peer, 1, Integer::sum) <= MAX_LINK_ATTEMPTS
                && host.connections().stream().anyMatch(c -> c.remotePeer().equals(peer))) {
            openLink(peer);
        }
    }

    /** The remote IP for colocation scoring; null for loopback (exempt) or an address without an IP. */
    private static String ip(Multiaddr address) {
        if (address == null || address.isLoopback()) {
            return null;
        }
        return address.valueOf(Protocol.IP4).or(() -> address.valueOf(Protocol.IP6)).orElse(null);
    }

    /** The router's way out: frames to peer links, dials through the host, messages to subscriptions. */
    private final class Port implements GossipRouter.Port {
        @Override
        public boolean send(PeerId peer, Rpc rpc) {
            PeerLink link = links.get(peer);
            return link != null && link.offer(RpcCodec.frame(rpc));
        }

        @Override
        public void dial(PeerId peer) {
            List<Multiaddr> addresses = host.peerstore().get(peer).map(PeerData::addresses).orElse(List.of());
            if (!addresses.isEmpty()) {
                host.connect(peer, addresses);
            }
        }

        @Override
        public void deliver(PubSubMessage message) {
            for (String topic : message.topics()) {
                subscriptions.getOrDefault(topic, List.of()).forEach(s -> s.offer(message));
            }
        }
    }
}
