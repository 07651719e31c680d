/** The dag-pb codec: nodes of links and data, encoded and decoded strictly as the IPLD spec orders them. */
@Export
@Version("1.1.0")
package io.ipfskit.codec.dagpb;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
