package io.ipfskit.testing;

import io.ipfskit.api.metrics.Counter;
import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.api.metrics.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A {@link Metrics} that keeps every meter in memory, for tests to read by name and tags: {@link #value} is a counter's
 * total, a function counter's or gauge's current reading, or a timer's count; a closed meter is gone.
 */
public final class MemoryMetrics implements Metrics {

    private final Map<String, DoubleSupplier> meters = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String description, String... tags) {
        String key = key(name, tags);
        AtomicLong shared = ((Reading) meters.computeIfAbsent(key, k -> new Reading(new AtomicLong()))).value;
        return new Counter() {
            @Override
            public void increment(long amount) {
                shared.addAndGet(amount);
            }

            @Override
            public void close() {
                meters.remove(key);
            }
        };
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        Counter count = counter(name, description, tags);
        return new Timer() {
            @Override
            public void record(Duration duration) {
                count.increment();
            }

            @Override
            public void close() {
                count.close();
            }
        };
    }

    @Override
    public Meter counter(String name, String description, LongSupplier total, String... tags) {
        return gauge(name, description, total::getAsLong, tags);
    }

    @Override
    public Meter gauge(String name, String description, DoubleSupplier value, String... tags) {
        String key = key(name, tags);
        meters.putIfAbsent(key, value);
        return () -> meters.remove(key);
    }

    /** The meter's value (see the type's doc), or NaN when no such meter is registered. */
    public double value(String name, String... tags) {
        DoubleSupplier meter = meters.get(key(name, tags));
        return meter == null ? Double.NaN : meter.getAsDouble();
    }

    /** How many meters are registered. */
    public int size() {
        return meters.size();
    }

    private static String key(String name, String... tags) {
        return name + List.of(tags);
    }

    /** A counter's shared total. */
    private record Reading(AtomicLong value) implements DoubleSupplier {
        @Override
        public double getAsDouble() {
            return value.get();
        }
    }
}
