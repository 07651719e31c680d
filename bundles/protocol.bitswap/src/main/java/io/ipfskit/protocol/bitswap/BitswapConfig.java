package io.ipfskit.protocol.bitswap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of Bitswap (PID {@code io.ipfskit.protocol.bitswap}); server limits follow the node's role. */
@ObjectClassDefinition(name = "IPFS Kit Bitswap")
public @interface BitswapConfig {

    /** How long a session waits without progress before it searches providers (boxo: 1000 ms). */
    @AttributeDefinition(description = "Idle time of a session before providers are searched, in ms")
    long providerSearchDelayMillis() default 1000;

    /** How long an unanswered want-block waits, while the peer sends nothing, before it counts as DONT_HAVE. */
    @AttributeDefinition(description = "Silence after which a want-block counts as DONT_HAVE, in ms")
    long dontHaveTimeoutMillis() default 5000;

    /** Estimated block bytes asked of one peer and not yet received (boxo: 1 MiB). */
    @AttributeDefinition(description = "Block bytes outstanding per peer")
    long maxOutstandingBytesPerPeer() default 1 << 20;
}
