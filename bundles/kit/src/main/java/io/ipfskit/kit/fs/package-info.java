/** The read-only {@code ipfs://CID/path} {@link java.nio.file.FileSystem} over an {@link io.ipfskit.api.kit.IpfsKit}. */
@Export
@Version("1.0.0")
package io.ipfskit.kit.fs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
