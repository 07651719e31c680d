package io.ipfskit.dht.kad.api;

/** Hears the steps of one DHT query (for {@code dht/query} and {@code routing/*} with verbose output); must return quickly. */
@FunctionalInterface
public interface QueryListener {

    /** A listener that ignores every event. */
    QueryListener NONE = event -> { };

    /** One step happened. */
    void event(QueryEvent event);
}
