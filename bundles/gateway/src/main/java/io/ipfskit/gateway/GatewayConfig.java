package io.ipfskit.gateway;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP gateway (PID {@code io.ipfskit.gateway}); the command line's {@code --gateway} wins. */
@ObjectClassDefinition(name = "IPFS Kit gateway", description = "The trustless and path gateway over HTTP")
public @interface GatewayConfig {

    /** Multiaddr to listen on; loopback by default, port 0 picks a free port. */
    @AttributeDefinition(description = "Multiaddr to listen on, e.g. /ip4/127.0.0.1/tcp/8080")
    String address() default "/ip4/127.0.0.1/tcp/8080";

    /** Requests served at once; four times as many may wait, more get 429. */
    @AttributeDefinition(description = "Requests served concurrently, 1 to 256", min = "1", max = "256")
    int workers() default 16;

    /** How long one block may take to arrive before the request fails with 504 (kubo's Gateway.RetrievalTimeout). */
    @AttributeDefinition(description = "Seconds without a block arriving before a request gives up (504), 1 to 3600",
            min = "1", max = "3600")
    int retrievalTimeoutSeconds() default 30;
}
