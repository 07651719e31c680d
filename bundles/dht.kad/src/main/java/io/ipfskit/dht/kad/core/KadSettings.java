package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.api.DhtMode;
import java.time.Duration;

/**
 * How one DHT runs: its protocol id, its mode, the addresses it keeps, the lookup parameters, the time one request may
 * take, the time one lookup may take, how often the routing table is refreshed, and how many peers may be checked for
 * the routing table at once.
 */
public record KadSettings(String protocolId, DhtMode mode, AddressPolicy addresses, Lookup.Params lookup,
        Duration requestTimeout, Duration lookupTimeout, Duration refreshInterval, int maxConcurrentChecks) {

    /** The public DHT's protocol id. */
    public static final String PROTOCOL = "/ipfs/kad/1.0.0";
    /** The LAN DHT's protocol id (kubo's dual DHT). */
    public static final String LAN_PROTOCOL = "/ipfs/lan/kad/1.0.0";

    /** The public DHT: go's defaults (10 s per request, 10 min refresh), a minute per lookup. */
    public static KadSettings wan(DhtMode mode, boolean acceptPrivateAddresses) {
        return new KadSettings(PROTOCOL, mode, acceptPrivateAddresses ? AddressPolicy.PUBLIC_AND_PRIVATE : AddressPolicy.PUBLIC,
                Lookup.Params.DEFAULT, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(10), 32);
    }

    /** The LAN DHT, with the same timings. */
    public static KadSettings lan(DhtMode mode) {
        return new KadSettings(LAN_PROTOCOL, mode, AddressPolicy.LAN, Lookup.Params.DEFAULT, Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 32);
    }

    /** A copy with other timings. */
    public KadSettings withTimings(Duration request, Duration lookupDeadline, Duration refresh) {
        return new KadSettings(protocolId, mode, addresses, lookup, request, lookupDeadline, refresh, maxConcurrentChecks);
    }

    /** The bucket size k. */
    public int k() {
        return lookup.k();
    }
}
