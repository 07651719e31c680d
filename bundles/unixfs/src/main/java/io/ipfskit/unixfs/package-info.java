/** UnixFS data, and the importer and exporter that turn files into DAGs and back as kubo does. */
@Export
@Version("1.2.0")
package io.ipfskit.unixfs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
