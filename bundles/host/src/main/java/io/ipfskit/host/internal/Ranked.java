package io.ipfskit.host.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Services offered in negotiations: highest {@code service.ranking} first, then in the order they arrived. */
final class Ranked<T> {

    private record Entry<T>(T value, int ranking, long arrival) {
    }

    private static final Comparator<Entry<?>> ORDER =
            Comparator.<Entry<?>>comparingInt(e -> -e.ranking()).thenComparingLong(Entry::arrival);

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();
    private final AtomicLong arrivals = new AtomicLong();

    /** The ranking in a service's properties (0 when absent or not an Integer, as the framework does). */
    static int rankingOf(Map<String, Object> properties) {
        return properties.get("service.ranking") instanceof Integer ranking ? ranking : 0;
    }

    void add(T value, int ranking) {
        entries.add(new Entry<>(value, ranking, arrivals.incrementAndGet()));
    }

    void remove(T value) {
        entries.removeIf(e -> e.value() == value);
    }

    /** The services in preference order. */
    List<T> values() {
        return entries.stream().sorted(ORDER).map(Entry::value).toList();
    }
}
