package io.ipfskit.api.metrics;

import java.time.Duration;

/** A timer of durations. */
public interface Timer extends Meter {

    /** Records one duration. */
    void record(Duration duration);
}
