package io.ipfskit.discovery.randomwalk;

import io.ipfskit.api.discovery.PeerDiscovery;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.KademliaDht;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The DHT random walk: a lookup of a random key on the public DHT ({@code ipfskit.dht.name=wan}) every interval (by
 * role unless configured), which fills the DHT's routing table and reports the peers it meets to the subscribers.
 * Stops with the DHT's bundle or its own.
 */
@Component(service = PeerDiscovery.class, property = PeerDiscovery.NAME + "=random-walk",
        configurationPid = "io.ipfskit.discovery.randomwalk", immediate = true)
@Designate(ocd = RandomWalkConfig.class)
public final class RandomWalkDiscovery implements PeerDiscovery {

    private static final System.Logger LOG = System.getLogger(RandomWalkDiscovery.class.getName());

    private final List<Consumer<PeerInfo>> listeners = new CopyOnWriteArrayList<>();
    private final RandomWalker walker;
    private final ScheduledExecutorService timer;
    private final AtomicLong walks = new AtomicLong();

    /** Starts walking after the initial delay. */
    @Activate
    public RandomWalkDiscovery(@Reference(target = "(" + KademliaDht.NAME + "=wan)") KademliaDht dht,
            @Reference Node node, RandomWalkConfig config) {
        walker = new RandomWalker(dht, new SecureRandom(), peer -> listeners.forEach(l -> l.accept(peer)));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ipfskit-random-walk");
            thread.setDaemon(true);
            return thread;
        });
        int interval = config.intervalSeconds() > 0 ? config.intervalSeconds() : byRole(node.role());
        timer.scheduleWithFixedDelay(this::walk, config.initialDelaySeconds(), interval, TimeUnit.SECONDS);
    }

    /** Seconds between walks for the role: a master fills its table most eagerly, a leecher least. */
    static int byRole(NodeRole role) {
        return switch (role) {
            case MASTER -> 60;
            case WORKER -> 300;
            case LEECHER -> 900;
        };
    }

    @Override
    public AutoCloseable subscribe(Consumer<PeerInfo> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** One walk, logged at debug. */
    private void walk() {
        long walk = walks.incrementAndGet();
        walker.walk().whenComplete((reported, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                LOG.log(System.Logger.Level.DEBUG, "Random walk {0}: {1}", walk, cause.getMessage());
            } else if (reported >= 0) {
                LOG.log(System.Logger.Level.DEBUG, "Random walk {0}: {1} peers met", walk, reported);
            }
        });
    }

    /** Stops walking and ends the walk under way. */
    @Deactivate
    void deactivate() {
        listeners.clear();
        timer.shutdownNow();
        walker.cancel();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
