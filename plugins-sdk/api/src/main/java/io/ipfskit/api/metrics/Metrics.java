package io.ipfskit.api.metrics;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The node's meter registry. Names are dot-separated and start with {@code ipfskit.}; the Prometheus text turns them
 * into its conventions ({@code ipfskit.bitswap.blocks.received} counter: {@code ipfskit_bitswap_blocks_received_total};
 * timers in seconds). Tags are key, value pairs. Asking twice for the same name and tags gives the same meter; a meter
 * stays until it is closed or the service goes away.
 */
public interface Metrics {

    /** A counter the caller increments. */
    Counter counter(String name, String description, String... tags);

    /** A timer the caller records durations into (count, sum and max in the Prometheus text). */
    Timer timer(String name, String description, String... tags);

    /** A counter whose value is read from {@code total} (monotonic) at each scrape. */
    Meter counter(String name, String description, LongSupplier total, String... tags);

    /** A gauge whose value is read from {@code value} at each scrape. */
    Meter gauge(String name, String description, DoubleSupplier value, String... tags);
}
