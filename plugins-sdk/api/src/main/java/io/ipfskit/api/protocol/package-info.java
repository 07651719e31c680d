/** Protocol handlers: what serves one libp2p protocol id on a stream. */
@Export
@Version("1.1.0")
package io.ipfskit.api.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
