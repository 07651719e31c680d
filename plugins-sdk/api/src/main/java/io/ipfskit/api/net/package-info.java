/** The libp2p host and its pluggable parts: transports, security channels, stream muxers, connections, peerstore. */
@Export
@Version("1.0.0")
package io.ipfskit.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
