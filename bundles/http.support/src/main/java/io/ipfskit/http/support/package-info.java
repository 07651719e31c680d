/**
 * What the HTTP servers of the node (the RPC API, the gateway) share: {@link io.ipfskit.http.support.HttpListener}
 * and {@link io.ipfskit.http.support.ChunkedOutput}.
 */
@Export
@Version("1.0.0")
package io.ipfskit.http.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
