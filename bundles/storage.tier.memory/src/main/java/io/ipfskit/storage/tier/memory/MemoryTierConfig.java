package io.ipfskit.storage.tier.memory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the memory tier (PID {@code io.ipfskit.storage.tier.memory}). */
@ObjectClassDefinition(name = "IPFS Kit memory tier", description = "Hot blocks on the Java heap")
public @interface MemoryTierConfig {

    /** Heap bytes the cache may use, keys and overhead included. Default 128 MiB. */
    @AttributeDefinition(description = "Heap bytes the cache may use (default 128 MiB)")
    long maxBytes() default 128L * 1024 * 1024;
}
