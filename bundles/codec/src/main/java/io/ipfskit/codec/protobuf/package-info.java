/** Strict protobuf wire-format reading and writing, for codecs whose field order is part of their definition. */
@Export
@Version("1.0.0")
package io.ipfskit.codec.protobuf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
