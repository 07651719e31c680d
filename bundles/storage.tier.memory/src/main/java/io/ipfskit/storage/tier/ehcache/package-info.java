/** A storage tier over an Ehcache 3 cache, shared by the memory and disk tier bundles. */
@Export
@Version("1.0.0")
package io.ipfskit.storage.tier.ehcache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
