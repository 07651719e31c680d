package io.ipfskit.api.metrics;

/** One meter of the {@link Metrics} registry; closing it removes it from the registry (and from the next scrape). */
public interface Meter extends AutoCloseable {

    @Override
    void close();
}
