package io.ipfskit.storage.tiered;

/**
 * A block's heat from its access count, the time since its last access (recency) and its age:
 * <pre>
 *   heat = accesses / max(age, MIN_AGE) [per minute] * 0.5 ^ (sinceLastAccess / RECENCY_HALF_LIFE)
 * </pre>
 * i.e. its lifetime access rate, halved for every {@link #RECENCY_HALF_LIFE_MS} without an access. A block read
 * twice within its first minute reaches 2.0, the default promotion threshold; one read once an hour stays near 0.02.
 * Times are wall-clock milliseconds, so a saved heat means the same after a restart.
 */
final class Heat {

    /** Ages below one minute count as one minute, so a first access is not an infinite rate. */
    static final long MIN_AGE_MS = 60_000;
    /** Heat halves for every five minutes without an access. */
    static final long RECENCY_HALF_LIFE_MS = 300_000;

    private final long created;
    private long accesses;
    private long lastAccess;

    /** A block first seen at {@code now} (milliseconds). */
    Heat(long now) {
        this(now, 0, now);
    }

    /** A heat restored from its saved fields. */
    Heat(long created, long accesses, long lastAccess) {
        this.created = created;
        this.accesses = accesses;
        this.lastAccess = lastAccess;
    }

    /** Records one access at {@code now}. */
    synchronized void access(long now) {
        accesses++;
        lastAccess = Math.max(lastAccess, now);
    }

    /** The heat at {@code now}. */
    synchronized double at(long now) {
        double ageMinutes = Math.max(now - created, MIN_AGE_MS) / 60_000.0;
        double idle = Math.max(0, now - lastAccess);
        return accesses / ageMinutes * Math.pow(0.5, idle / RECENCY_HALF_LIFE_MS);
    }

    /** When the block was first seen. */
    long created() {
        return created;
    }

    /** How often it was read. */
    synchronized long accesses() {
        return accesses;
    }

    /** When it was last read. */
    synchronized long lastAccess() {
        return lastAccess;
    }
}
