package io.ipfskit.cluster;

import io.ipfskit.cluster.wire.ClusterCodec;
import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.PinState;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.cluster.wire.StatusReport;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * A worker's placements: it pins what the leader's state places on it (through {@code work}, one at a time, as
 * {@code pin/add} does), reporting {@code queued → pinning → pinned | error} at each change; a failed one is retried once
 * {@code retryAfterMillis} passed; what is removed or moved away is unpinned (also when a pin in progress ends after it
 * was withdrawn).
 */
final class WorkerPlacements {

    private static final System.Logger LOG = System.getLogger(WorkerPlacements.class.getName());
    private static final int MAX_ERROR = 200;

    private final PeerId self;
    private final LocalNode local;
    private final Executor work;
    private final LongSupplier clock;
    private final long retryAfterMillis;
    private final Sender sender;
    private final Map<Cid, PinStatus> placements = new LinkedHashMap<>();

    /** The placements of this worker on its node, reported through the sender. */
    WorkerPlacements(PeerId self, LocalNode local, Executor work, LongSupplier clock, long retryAfterMillis,
            Sender sender) {
        this.self = self;
        this.local = local;
        this.work = work;
        this.clock = clock;
        this.retryAfterMillis = retryAfterMillis;
        this.sender = sender;
    }

    /** Pins what the state newly places here (or failed long enough ago) and unpins what it no longer places here. */
    synchronized void follow(PinState state) {
        long now = clock.getAsLong();
        for (ClusterPin pin : state.pins()) {
            boolean ours = !pin.removed() && pin.allocations().contains(self);
            PinStatus current = placements.get(pin.cid());
            if (ours && (current == null || retryDue(current, now))) {
                placements.put(pin.cid(), new PinStatus(pin.cid(), PinStatus.Status.QUEUED, "", now));
                work.execute(() -> execute(pin.cid()));
            } else if (!ours && current != null) {
                placements.remove(pin.cid());
                work.execute(() -> unpin(pin.cid()));
            }
        }
    }

    /** Sends the status of every placement (in reports of at most {@link ClusterCodec#MAX_STATUSES}). */
    synchronized void report() {
        List<PinStatus> statuses = List.copyOf(placements.values());
        for (int from = 0; from < statuses.size(); from += ClusterCodec.MAX_STATUSES) {
            sender.send(new StatusReport(statuses.subList(from, Math.min(statuses.size(), from + ClusterCodec.MAX_STATUSES))));
        }
    }

    /** Placements queued or being pinned. */
    synchronized long busy() {
        return placements.values().stream()
                .filter(s -> s.status() == PinStatus.Status.QUEUED || s.status() == PinStatus.Status.PINNING).count();
    }

    /** Every placement and where it stands. */
    synchronized Map<Cid, PinStatus> all() {
        return Map.copyOf(placements);
    }

    private boolean retryDue(PinStatus status, long now) {
        return status.status() == PinStatus.Status.ERROR && now - status.timestampMs() >= retryAfterMillis;
    }

    /** Fetches and pins one placement, reporting each step; unpins it again if it was withdrawn meanwhile. */
    private void execute(Cid cid) {
        if (!update(cid, PinStatus.Status.PINNING, "")) {
            return;
        }
        String error = "";
        try {
            local.pin(cid);
        } catch (Exception e) {
            error = String.valueOf(e.getMessage());
            error = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
            LOG.log(System.Logger.Level.WARNING, "cluster: pinning {0} failed: {1}", cid, error);
        }
        if (!update(cid, error.isEmpty() ? PinStatus.Status.PINNED : PinStatus.Status.ERROR, error)
                && error.isEmpty()) {
            unpin(cid);
        }
    }

    /** Records and reports a placement's new status; false when it is no longer placed here. */
    private synchronized boolean update(Cid cid, PinStatus.Status status, String error) {
        if (!placements.containsKey(cid)) {
            return false;
        }
        PinStatus changed = new PinStatus(cid, status, error, clock.getAsLong());
        placements.put(cid, changed);
        sender.send(new StatusReport(List.of(changed)));
        return true;
    }

    private void unpin(Cid cid) {
        try {
            local.unpin(cid);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cluster: unpinning {0} failed: {1}", cid, e.toString());
        }
    }
}
