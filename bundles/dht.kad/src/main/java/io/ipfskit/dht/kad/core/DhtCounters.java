package io.ipfskit.dht.kad.core;

/** A DHT's activity so far: lookups started, requests they sent and of those failed, and requests served to peers. */
public record DhtCounters(long lookups, long requestsSent, long requestsFailed, long requestsServed) {
}
