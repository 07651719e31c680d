package io.ipfskit.api.metrics;

/** A counter the caller increments. */
public interface Counter extends Meter {

    /** Adds {@code amount} (not negative). */
    void increment(long amount);

    /** Adds one. */
    default void increment() {
        increment(1);
    }
}
