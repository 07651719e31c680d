/**
 * The libp2p host as protocol code sees it: connections, peers, the peerstore; free of any I/O library. The parts the
 * host is built from (transports, security channels, muxers) are in {@code io.ipfskit.api.net.spi}.
 */
@Export
@Version("2.1.0")
package io.ipfskit.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
