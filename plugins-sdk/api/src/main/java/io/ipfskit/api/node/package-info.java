/** The running node: its identity and its role. */
@Export
@Version("1.3.0")
package io.ipfskit.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
