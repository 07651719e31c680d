package io.ipfskit.api.metrics;

import java.util.List;

/**
 * A whiteboard service through which a bundle offers its meters: while both it and the {@link Metrics} service are
 * there, the metrics bundle calls {@link #bind} once and closes the meters returned when either goes away.
 */
public interface MeterBinder {

    /** Registers this source's meters and returns them. */
    List<Meter> bind(Metrics metrics);
}
