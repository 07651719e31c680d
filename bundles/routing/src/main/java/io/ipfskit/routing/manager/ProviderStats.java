package io.ipfskit.routing.manager;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the node learnt of one provider ({@code provider_stats}): requests, successes, failures, a mean
 * latency, a reputation in [0, 1], consecutive failures and the backoff they earned. Not thread-safe: the
 * {@link ProviderLedger} guards it.
 */
final class ProviderStats {

    /** Reputation of a peer never heard of. */
    static final double INITIAL_REPUTATION = 0.5;
    /** Latency assumed until one is measured, in seconds. */
    static final double ASSUMED_LATENCY_SECONDS = 1.0;
    /** Longest backoff: five minutes. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Weight of a new latency sample in the moving mean. */
    private static final double LATENCY_WEIGHT = 0.2;
    /** Share of the distance to 1 (success) or to 0 (failure) the reputation moves per event. */
    private static final double REPUTATION_STEP = 0.1;
    /** Factor applied to the reputation on misbehaviour. */
    static final double MISBEHAVIOUR_FACTOR = 0.1;

    private double reputation = INITIAL_REPUTATION;
    private long successes;
    private long failures;
    private long misbehaviours;
    private long bytes;
    private double latencySeconds = Double.NaN;
    private int consecutiveFailures;
    private long backoffUntilNanos;
    private boolean inBackoff;
    private String lastMisbehaviour;

    /**
     * The score: 0.4 reputation + 0.4 success rate + 0.2 / (1 + latency in seconds). An untried peer has
     * reputation 0.5, success rate 1 and an assumed latency of 1 s (score 0.7), so it gets a chance ahead of a peer
     * that fails.
     */
    double score() {
        double latency = Double.isNaN(latencySeconds) ? ASSUMED_LATENCY_SECONDS : latencySeconds;
        return 0.4 * reputation + 0.4 * successRate() + 0.2 / (1 + latency);
    }

    /** Successes over requests; 1 before any request. */
    double successRate() {
        long requests = successes + failures;
        return requests == 0 ? 1.0 : (double) successes / requests;
    }

    /** The peer served a block: reputation up, mean latency updated, backoff cleared. */
    void success(Duration latency, long size) {
        successes++;
        bytes += Math.max(0, size);
        double seconds = Math.max(0, latency.toNanos()) / 1e9;
        latencySeconds = Double.isNaN(latencySeconds) ? seconds
                : (1 - LATENCY_WEIGHT) * latencySeconds + LATENCY_WEIGHT * seconds;
        reputation += (1 - reputation) * REPUTATION_STEP;
        consecutiveFailures = 0;
        inBackoff = false;
    }

    /** The peer failed: reputation down, and a backoff of min(300 s, 2^(n-1) s) after the n-th failure in a row. */
    void failure(long nowNanos) {
        failures++;
        reputation -= reputation * REPUTATION_STEP;
        consecutiveFailures++;
        long seconds = consecutiveFailures > 9 ? MAX_BACKOFF.toSeconds()
                : Math.min(MAX_BACKOFF.toSeconds(), 1L << (consecutiveFailures - 1));
        backoffUntilNanos = nowNanos + Duration.ofSeconds(seconds).toNanos();
        inBackoff = true;
    }

    /** The peer misbehaved: a failure, and its reputation cut to a tenth. */
    void misbehaviour(long nowNanos, String reason) {
        failure(nowNanos);
        misbehaviours++;
        reputation *= MISBEHAVIOUR_FACTOR;
        lastMisbehaviour = reason;
    }

    /** Whether the peer is still backing off at this time. */
    boolean backingOff(long nowNanos) {
        return inBackoff && nowNanos - backoffUntilNanos < 0;
    }

    double reputation() {
        return reputation;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The provider_stats fields, plus reputation, score and bytes. */
    Map<String, Object> report(long nowNanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_requests", successes + failures);
        out.put("successful_requests", successes);
        out.put("failed_requests", failures);
        out.put("success_rate", successRate());
        out.put("average_latency", Double.isNaN(latencySeconds) ? null : latencySeconds);
        out.put("reputation", reputation);
        out.put("score", score());
        out.put("bytes_received", bytes);
        out.put("backoff_count", consecutiveFailures);
        out.put("backoff_remaining", backingOff(nowNanos) ? (backoffUntilNanos - nowNanos) / 1e9 : 0.0);
        out.put("misbehaviours", misbehaviours);
        if (lastMisbehaviour != null) {
            out.put("last_misbehaviour", lastMisbehaviour);
        }
        return out;
    }
}
