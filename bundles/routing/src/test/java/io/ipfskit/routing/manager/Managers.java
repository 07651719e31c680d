package io.ipfskit.routing.manager;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.routing.concurrent.ManualTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/** Managers for tests (of this and other packages): small bounds, a 60 s search deadline, reprovides 60 s after start and every 22 h. */
public final class Managers {

    static final Duration FIND_TIMEOUT = Duration.ofSeconds(60);
    static final Duration FIRST_REPROVIDE = Duration.ofSeconds(60);
    static final Duration REPROVIDE_INTERVAL = Duration.ofHours(22);

    private Managers() {
    }

    /** A manager on this time, reprovides run on the worker, at most {@code concurrency} announcements at once. */
    public static ContentRoutingManager manager(ManualTime time, boolean offline, Executor worker, int concurrency) {
        return manager(time, offline, worker, concurrency, ReprovideStrategy.ALL);
    }

    /** As {@link #manager(ManualTime, boolean, Executor, int)}, reproviding with the strategy. */
    static ContentRoutingManager manager(ManualTime time, boolean offline, Executor worker, int concurrency,
            ReprovideStrategy strategy) {
        return new ContentRoutingManager(time, Peers.peer(0), offline, new RoutingSettings(100, 1000, 20,
                Duration.ofHours(1), FIND_TIMEOUT, REPROVIDE_INTERVAL, FIRST_REPROVIDE, concurrency, strategy, 1000),
                worker, () -> { });
    }

    /** Registers the router as the framework would, with its name and whether it announces. */
    public static <R extends ContentRouter> R add(ContentRoutingManager manager, R router, String name, boolean provides) {
        manager.addRouter(router, Map.of(ContentRouter.NAME, name, ContentRouter.PROVIDES, String.valueOf(provides)));
        return router;
    }
}
