package io.ipfskit.protocol.bitswap.client;

import java.time.Duration;

/**
 * How the client asks (boxo's defaults): the provider-search delay, the idle tick's base and cap, when an unanswered
 * want-block counts as DONT_HAVE, the bytes outstanding per peer, and the bounds on sessions, wants and peers.
 *
 * @param providerSearchDelay idle time of a session before providers are searched (boxo: 1 s)
 * @param baseTickDelay base of the idle tick once latency is known (boxo: 500 ms), times (1 + idle ticks so far)
 * @param maxTickDelay the longest idle tick
 * @param dontHaveTimeout a want-block a peer leaves unanswered, while sending us nothing, this long counts as DONT_HAVE
 * @param maxOutstandingBytesPerPeer estimated block bytes asked of one peer and not yet received (boxo: 1 MiB)
 * @param liveWantsPerSession wants of one session on the wire at once; later ones wait their turn
 * @param maxWantsPerSession futures one session may hold; more fail at once
 * @param maxSessions open sessions; more are refused
 * @param wantsPerPeer want-list entries we keep at one peer (its server cuts off at 1024)
 * @param peersPerSession peers a session remembers as likely to have its blocks
 * @param providersPerSearch providers asked of the content routing per search (boxo: 10)
 * @param searchTimeout how long one provider search may run
 * @param concurrentSearches provider searches under way at once across sessions
 */
public record ClientSettings(Duration providerSearchDelay, Duration baseTickDelay, Duration maxTickDelay,
        Duration dontHaveTimeout, long maxOutstandingBytesPerPeer, int liveWantsPerSession, int maxWantsPerSession,
        int maxSessions, int wantsPerPeer, int peersPerSession, int providersPerSearch, Duration searchTimeout,
        int concurrentSearches) {

    /** boxo's defaults. */
    public static final ClientSettings DEFAULTS = new ClientSettings(Duration.ofSeconds(1), Duration.ofMillis(500),
            Duration.ofMinutes(1), Duration.ofSeconds(5), 1 << 20, 256, 1024, 1024, 1000, 32, 10,
            Duration.ofSeconds(10), 8);

    /** Checks every bound is positive. */
    public ClientSettings {
        if (providerSearchDelay.isNegative() || baseTickDelay.isNegative() || maxTickDelay.isNegative()
                || dontHaveTimeout.isNegative() || searchTimeout.isNegative() || maxOutstandingBytesPerPeer < 1
                || liveWantsPerSession < 1 || maxWantsPerSession < 1 || maxSessions < 1 || wantsPerPeer < 1
                || peersPerSession < 1 || providersPerSearch < 1 || concurrentSearches < 1) {
            throw new IllegalArgumentException("client settings must be positive");
        }
    }

    /** A copy with other timings (tests and configuration). */
    public ClientSettings withTimings(Duration searchDelay, Duration dontHave) {
        return new ClientSettings(searchDelay, baseTickDelay, maxTickDelay, dontHave, maxOutstandingBytesPerPeer,
                liveWantsPerSession, maxWantsPerSession, maxSessions, wantsPerPeer, peersPerSession, providersPerSearch,
                searchTimeout, concurrentSearches);
    }

    /** A copy with another per-peer outstanding bound. */
    public ClientSettings withMaxOutstandingBytesPerPeer(long bytes) {
        return new ClientSettings(providerSearchDelay, baseTickDelay, maxTickDelay, dontHaveTimeout, bytes,
                liveWantsPerSession, maxWantsPerSession, maxSessions, wantsPerPeer, peersPerSession, providersPerSearch,
                searchTimeout, concurrentSearches);
    }
}
