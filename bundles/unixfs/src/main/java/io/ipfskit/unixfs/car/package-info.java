/** CAR archives: CAR v1 export and import with every block verified, CAR v2 reading. */
@Export
@Version("1.1.0")
package io.ipfskit.unixfs.car;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
