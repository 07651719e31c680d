/** Administration surfaces: commands served by the HTTP RPC API. */
@Export
@Version("1.2.0")
package io.ipfskit.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
