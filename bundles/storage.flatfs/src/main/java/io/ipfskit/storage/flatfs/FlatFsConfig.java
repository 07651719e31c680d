package io.ipfskit.storage.flatfs;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the durable block store (PID {@code io.ipfskit.storage.flatfs}). */
@ObjectClassDefinition(name = "IPFS Kit flatfs block store", description = "The durable one-file-per-block store")
public @interface FlatFsConfig {

    /** Directory of the store. Default empty: {@code blocks} in the node's repository. */
    @AttributeDefinition(description = "Directory of the store; empty means <repo>/blocks", required = false)
    String path() default "";

    /** Most bytes of block data stored. Default 10 GiB, as kubo's StorageMax. */
    @AttributeDefinition(description = "Most bytes of block data stored, at least 1 MiB (default 10 GiB)", min = "1048576")
    long maxBytes() default 10L * 1024 * 1024 * 1024;
}
