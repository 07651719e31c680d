package io.ipfskit.discovery.mdns;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of mDNS discovery (PID {@code io.ipfskit.discovery.mdns}); the framework property
 * {@code ipfskit.mdns} (the test profile sets it to false) overrides {@code enabled}.
 */
@ObjectClassDefinition(name = "IPFS Kit mDNS discovery")
public @interface MdnsConfig {

    /** Whether to query and answer on the LAN (kubo: on). */
    @AttributeDefinition(description = "Query and answer mDNS on the LAN (kubo: on)")
    boolean enabled() default true;

    /** Seconds between our queries (js @libp2p/mdns: 10). */
    @AttributeDefinition(description = "Seconds between queries (js @libp2p/mdns: 10), 1 to 3600", min = "1", max = "3600")
    int intervalSeconds() default 10;

    /** Interface names to use; empty = every interface that is up, multicast-capable, not loopback, with IPv4. */
    @AttributeDefinition(description = "Network interfaces to use, by name, separated by commas (default: every "
            + "interface that is up, not loopback and has an IPv4 address)")
    String[] interfaces() default {};
}
