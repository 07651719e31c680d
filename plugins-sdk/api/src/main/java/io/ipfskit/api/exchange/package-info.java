/** Blocks from the network: the block exchange (Bitswap) and the block service that falls back to it on a miss. */
@Export
@Version("1.0.0")
package io.ipfskit.api.exchange;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
