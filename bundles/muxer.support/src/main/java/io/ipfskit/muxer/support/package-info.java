/** Pieces every stream muxer shares: the bounded, writability-reporting queue of a stream's pending writes. */
@Export
@Version("1.0.0")
package io.ipfskit.muxer.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
