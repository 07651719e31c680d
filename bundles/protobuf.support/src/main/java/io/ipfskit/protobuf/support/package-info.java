/** Pieces the hand-written protobuf codecs share: {@link BoundedFields} for bounded decoding, {@link ProtoBytes} for encoding. */
@Export
@Version("1.1.0")
package io.ipfskit.protobuf.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
