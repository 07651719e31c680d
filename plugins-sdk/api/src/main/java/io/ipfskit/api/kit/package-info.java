/** The user's content API: add, cat, get, ls, pin and repo stat over the node's blockstore. */
@Export
@Version("1.0.0")
package io.ipfskit.api.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
