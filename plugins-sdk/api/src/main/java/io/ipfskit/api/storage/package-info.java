/** Block storage: the blockstore, its ranked tiers, their statistics, pins and garbage collection. */
@Export
@Version("1.3.0")
package io.ipfskit.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
