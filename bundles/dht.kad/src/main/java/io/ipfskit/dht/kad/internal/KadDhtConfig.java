package io.ipfskit.dht.kad.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the Kademlia DHTs (PID {@code io.ipfskit.dht.kad}); record store bounds follow the node's role. */
@ObjectClassDefinition(name = "IPFS Kit Kademlia DHT")
public @interface KadDhtConfig {

    /** auto (by role: master and worker serve, leecher only asks), client or server. */
    @AttributeDefinition(description = "DHT mode: auto (by role), client or server", options = {
        @Option(label = "auto", value = "auto"), @Option(label = "client", value = "client"),
        @Option(label = "server", value = "server")})
    String mode() default "auto";

    /** Run the LAN DHT (/ipfs/lan/kad/1.0.0, private and loopback peers) beside the public one. */
    @AttributeDefinition(description = "Run the LAN DHT beside the public one")
    boolean lan() default true;

    /** Let the public DHT keep private and loopback addresses (tests, private networks). */
    @AttributeDefinition(description = "The public DHT accepts private and loopback addresses")
    boolean acceptPrivateAddresses() default false;

    /** Time one request may take, in seconds (go: 10). */
    @AttributeDefinition(description = "Timeout of one DHT request, in seconds", min = "1", max = "600")
    int requestTimeoutSeconds() default 10;

    /** Time one lookup may take, in seconds. */
    @AttributeDefinition(description = "Deadline of one DHT lookup, in seconds", min = "1", max = "3600")
    int lookupTimeoutSeconds() default 60;

    /** Period of the routing table refresh, in minutes (go: 10). */
    @AttributeDefinition(description = "Routing table refresh period, in minutes", min = "1", max = "1440")
    int refreshIntervalMinutes() default 10;

    /** Bytes of records each DHT keeps, in MiB; -1 = by role (master 256, worker 64, leecher 4). */
    @AttributeDefinition(description = "Record store size per DHT in MiB (-1: by role)", min = "-1", max = "65536")
    int maxStoreMegabytes() default -1;
}
