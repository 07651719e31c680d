/**
 * The IPLD data model as plain Java values and the dag-cbor and dag-json codecs over it: {@code null}, {@link
 * java.lang.Boolean}, {@link java.lang.Long} or {@link java.math.BigInteger} (integers), {@link java.lang.Double}
 * (floats), {@link java.lang.String}, {@code byte[]}, {@link java.util.List}, {@link java.util.Map} with
 * {@link java.lang.String} keys, and {@link io.ipfskit.multiformats.Cid} (links).
 */
@Export
@Version("1.0.0")
package io.ipfskit.codec.ipld;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
