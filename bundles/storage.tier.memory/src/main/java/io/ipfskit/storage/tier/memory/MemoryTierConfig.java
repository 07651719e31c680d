package io.ipfskit.storage.tier.memory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the memory tier (PID {@code io.ipfskit.storage.tier.memory}). */
@ObjectClassDefinition(name = "IPFS Kit memory tier", description = "Hot blocks on the Java heap")
public @interface MemoryTierConfig {

    /** Heap bytes the blocks may take, 256 bytes of bookkeeping per block included. Default 128 MiB. */
    @AttributeDefinition(description = "Heap bytes the blocks may take, with 256 bytes per block for bookkeeping (default 128 MiB)", min = "0")
    long maxBytes() default 128L * 1024 * 1024;
}
