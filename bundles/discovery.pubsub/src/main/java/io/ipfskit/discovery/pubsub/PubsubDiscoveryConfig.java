package io.ipfskit.discovery.pubsub;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of pubsub peer discovery (PID {@code io.ipfskit.discovery.pubsub}). */
@ObjectClassDefinition(name = "IPFS Kit pubsub peer discovery")
public @interface PubsubDiscoveryConfig {

    /** Seconds between our announcements (js: 10). */
    @AttributeDefinition(description = "Seconds between our announcements (js: 10), 1 to 3600", min = "1", max = "3600")
    int intervalSeconds() default 10;

    /** Listen only: report the peers heard, never announce ourselves (js's listenOnly). */
    @AttributeDefinition(description = "Only listen: report peers heard, never announce this node")
    boolean listenOnly() default false;
}
