package io.ipfskit.rpc;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP RPC API (PID {@code io.ipfskit.rpc}); the command line's {@code --api} takes precedence. */
@ObjectClassDefinition(name = "IPFS Kit RPC API", description = "The HTTP RPC API in kubo's conventions")
public @interface RpcConfig {

    /** Multiaddr to listen on; loopback by default, port 0 picks a free port. */
    @AttributeDefinition(description = "Multiaddr to listen on, e.g. /ip4/127.0.0.1/tcp/5001")
    String address() default "/ip4/127.0.0.1/tcp/5001";

    /** Origins allowed besides the API's own loopback origins (kubo's API.HTTPHeaders Access-Control-Allow-Origin); key {@code allowed_origins}. */
    @AttributeDefinition(description = "Extra allowed Origin values", required = false)
    String[] allowed__origins() default {};

    /** Commands running at once; more wait in a queue of four times this size, then get 503. */
    @AttributeDefinition(description = "Commands executed concurrently, 1 to 256", min = "1", max = "256")
    int workers() default 8;
}
