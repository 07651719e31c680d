package io.ipfskit.storage.tier.disk;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the disk cache tier (PID {@code io.ipfskit.storage.tier.disk}). */
@ObjectClassDefinition(name = "IPFS Kit disk cache tier", description = "Warm blocks in a persistent Ehcache disk store")
public @interface DiskTierConfig {

    /** Directory of the cache files. Default empty: {@code cache} in the node's repository. */
    @AttributeDefinition(description = "Directory of the cache files; empty means <repo>/cache", required = false)
    String path() default "";

    /** Disk bytes the cache may use. Default 1 GiB. */
    @AttributeDefinition(description = "Disk bytes the cache may use, at least 1 MiB (default 1 GiB)", min = "1048576")
    long maxBytes() default 1024L * 1024 * 1024;
}
