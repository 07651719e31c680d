/** Finding peers and the providers of content. */
@Export
@Version("1.1.0")
package io.ipfskit.api.discovery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
