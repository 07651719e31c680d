package io.ipfskit.cluster;

import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.pubsub.PubSub;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The node's membership of its cluster (PID {@code io.ipfskit.cluster}): with a name and secret configured it joins the
 * cluster's topic, hears every message on one thread, ticks at the heartbeat interval on another and pins placements
 * on a third; with none it stays idle (no topic joined) and its operations say the node is in no cluster. The pin state
 * is kept in {@code <repo>/cluster/pins}.
 */
@Component(service = ClusterService.class, configurationPid = "io.ipfskit.cluster", immediate = true)
@Designate(ocd = ClusterConfig.class)
public final class ClusterService {

    private static final System.Logger LOG = System.getLogger(ClusterService.class.getName());
    private static final Duration POLL = Duration.ofMillis(250);

    /** The block service, while one runs: placements and hot content are fetched through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BlockService blocks;

    /** The tiered blockstore's heat of its hottest CIDs (CID text to heat), while one is offered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = Supplier.class, target = "(ipfskit.heat=hottest)")
    volatile Supplier<Map<String, Double>> heat;

    private final ClusterPeer peer;
    private final Subscription subscription;
    private final ScheduledExecutorService threads;
    private final ExecutorService work;
    private final String name;

    /** Joins the configured cluster, or stays idle when none is configured. */
    @Activate
    public ClusterService(@Reference PubSub pubsub, @Reference Node node, @Reference Blockstore blockstore,
            @Reference Pinning pinning, ClusterConfig config) throws IOException {
        Optional<ClusterSettings> settings = ClusterSettings.of(config);
        if (settings.isEmpty()) {
            peer = null;
            subscription = null;
            threads = null;
            work = null;
            name = null;
            return;
        }
        ClusterSettings cluster = settings.get();
        name = cluster.name();
        String topic = cluster.topic();
        work = Executors.newSingleThreadExecutor(daemon("ipfskit-cluster-pins"));
        NodeStorage storage = new NodeStorage(node.repo(), blockstore, pinning, () -> blocks, () -> {
            Supplier<Map<String, Double>> source = heat;
            return source == null ? null : source.get();
        });
        peer = new ClusterPeer(node.peerId(), node.role(), cluster, System::currentTimeMillis,
                data -> publish(pubsub, topic, data), storage, work,
                new PinStore(node.repo().resolve("cluster").resolve("pins")));
        subscription = pubsub.subscribe(topic);
        threads = Executors.newScheduledThreadPool(2, daemon("ipfskit-cluster"));
        threads.execute(this::listen);
        threads.scheduleWithFixedDelay(this::tick, 0, cluster.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "cluster {0}: joined as a {1} on {2}", name, node.role().id(), topic);
    }

    /** The cluster's name, or empty when the node is in no cluster. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** This node and the live members. */
    public List<PeerView> members() {
        return member().members();
    }

    /** Adds a pin (the leading master only: IllegalStateException elsewhere). */
    public ClusterPin add(Cid cid, int replication) {
        return member().add(cid, replication);
    }

    /** Removes a pin (the leading master only); NoSuchElementException when the cluster does not pin it. */
    public ClusterPin remove(Cid cid) {
        return member().remove(cid);
    }

    /** The pin with where each replica stands, if the cluster pins it. */
    public Optional<PinView> status(Cid cid) {
        return member().status(cid);
    }

    /** The cluster's live pins as this node knows them. */
    public List<ClusterPin> pins() {
        return member().pins();
    }

    private ClusterPeer member() {
        if (peer == null) {
            throw new IllegalStateException("this node is in no cluster (set name and secret in "
                    + "etc/io.ipfskit.cluster.cfg)");
        }
        return peer;
    }

    /** Publishes one message; a failure (the router stopping, say) is logged, never thrown at the caller. */
    private static void publish(PubSub pubsub, String topic, byte[] data) {
        try {
            pubsub.publish(topic, data).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.DEBUG, "cluster: a message was not sent: {0}", failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cluster: a message was not sent: {0}", e.toString());
        }
    }

    private void tick() {
        try {
            peer.tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: a heartbeat round failed", e);
        }
    }

    private void listen() {
        try {
            while (!subscription.closed()) {
                Optional<PubSubMessage> message = subscription.next(POLL);
                if (message.isPresent()) {
                    try {
                        peer.receive(message.get());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "cluster: a message could not be handled", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the topic and stops the threads. */
    @Deactivate
    void deactivate() throws InterruptedException {
        if (peer == null) {
            return;
        }
        subscription.close();
        threads.shutdownNow();
        work.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        work.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
