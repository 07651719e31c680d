/** Pieces every stream muxer shares: the bounded, writability-reporting queue of a stream's pending writes ({@link WriteQueue}) and its inbound events held until a handler is set ({@link StreamEvents}). */
@Export
@Version("1.1.0")
package io.ipfskit.muxer.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
