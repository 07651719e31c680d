/**
 * What the HTTP servers of the node (the RPC API, the gateway) and their commands share:
 * {@link io.ipfskit.http.support.HttpListener}, {@link io.ipfskit.http.support.ChunkedOutput} and the
 * {@code multipart/form-data} reader {@link io.ipfskit.http.support.Multipart}.
 */
@Export
@Version("1.1.0")
package io.ipfskit.http.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
