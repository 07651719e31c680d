/** Pieces every bounded decoder of a remote peer's protobuf messages shares: {@link BoundedFields}. */
@Export
@Version("1.0.0")
package io.ipfskit.protobuf.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
