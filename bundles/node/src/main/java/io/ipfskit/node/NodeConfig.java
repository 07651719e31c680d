package io.ipfskit.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the node (PID {@code io.ipfskit.node}); the command line's {@code --role} takes precedence. */
@ObjectClassDefinition(name = "IPFS Kit node", description = "Identity and role of this node")
public @interface NodeConfig {

    /** The role: master, worker or leecher. Default worker. */
    @AttributeDefinition(description = "master, worker or leecher", options = {
        @Option(value = "master"), @Option(value = "worker"), @Option(value = "leecher")})
    String role() default "worker";
}
