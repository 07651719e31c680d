/**
 * libp2p's TLS 1.3: the {@code /tls/1.0.0} secure channel, and {@link io.ipfskit.security.tls.Libp2pCertificates} for
 * transports that run TLS themselves (QUIC).
 */
@Export
@Version("1.0.0")
package io.ipfskit.security.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
