package io.ipfskit.dht.kad.api;

/** Whether a DHT answers others (server: advertises its protocol and serves requests) or only asks (client). */
public enum DhtMode {
    /** Asks, never answers; not in anybody's routing table. */
    CLIENT,
    /** Asks and answers; advertised through identify. */
    SERVER
}
