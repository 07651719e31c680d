/**
 * The host's pluggable parts, bound to Netty: transports, security channels and stream muxers. Protocol plugins never
 * need this package; they use {@code io.ipfskit.api.net} and {@code io.ipfskit.api.protocol}, which name no I/O library.
 */
@Export
@Version("1.4.0")
package io.ipfskit.api.net.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
