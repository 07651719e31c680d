package io.ipfskit.relay;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of circuit relay v2 (PID {@code io.ipfskit.relay}); {@code ipfskit.relays} adds static relays. */
@ObjectClassDefinition(name = "IPFS Kit circuit relay v2")
public @interface RelayConfig {

    /** Whether masters and workers run the relay service (leechers never do). */
    @AttributeDefinition(description = "Run the relay service (hop) on masters and workers; leechers never relay")
    boolean hop() default true;

    /** Relays to hold reservations on, each ending in /p2p/ID. */
    @AttributeDefinition(description = "Static relays to reserve on (multiaddrs ending in /p2p/<peer id>)")
    String[] staticRelays() default {};

    /** Lifetime of a reservation, in seconds. */
    @AttributeDefinition(description = "Seconds a reservation lasts, 60 to 86400", min = "60", max = "86400")
    int reservationTtlSeconds() default 3600;

    /** Reservations held at once. */
    @AttributeDefinition(description = "Reservations held at once, 0 to 65536", min = "0", max = "65536")
    int maxReservations() default 128;

    /** Reservations from one IP address. */
    @AttributeDefinition(description = "Reservations from one IP address, 0 to 65536", min = "0", max = "65536")
    int maxReservationsPerIp() default 8;

    /** Circuits one peer takes part in. */
    @AttributeDefinition(description = "Relayed circuits one peer may take part in, 0 to 1024", min = "0", max = "1024")
    int maxCircuitsPerPeer() default 16;

    /** Circuits the relay carries at once. */
    @AttributeDefinition(description = "Relayed circuits carried at once, 0 to 65536", min = "0", max = "65536")
    int maxCircuits() default 1024;

    /** Seconds a circuit may last. */
    @AttributeDefinition(description = "Seconds a relayed circuit may last, 1 to 86400", min = "1", max = "86400")
    int circuitDurationSeconds() default 120;

    /** Bytes a circuit may carry each way. */
    @AttributeDefinition(description = "Bytes a relayed circuit may carry each way, 1024 to 1073741824", min = "1024", max = "1073741824")
    int circuitDataBytes() default 128 * 1024;

    /** Seconds between AutoNAT probes (the first after at most 15 s). */
    @AttributeDefinition(description = "Seconds between AutoNAT probes of our reachability, 1 to 86400", min = "1", max = "86400")
    int autonatProbeSeconds() default 90;

    /** Whether a node AutoNAT finds private reserves on relays among its peers by itself (when no static relay is set). */
    @AttributeDefinition(description = "Reserve on relays among connected peers while AutoNAT finds us private (without static relays)")
    boolean autoRelay() default true;

    /** Whether relayed connections are upgraded to direct ones with DCUtR (and its handler served). */
    @AttributeDefinition(description = "Hole punching: upgrade relayed connections to direct ones with DCUtR")
    boolean holePunching() default true;
}
