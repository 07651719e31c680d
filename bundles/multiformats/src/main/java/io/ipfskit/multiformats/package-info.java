/**
 * Multiformats value types of the IPFS Kit stack: varint, multibase, multihash, CID,
 * multiaddr and peer id, and the length-prefixed framing of unsigned varints. The value types are immutable and reject
 * malformed input with {@link java.lang.IllegalArgumentException}.
 */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.1.0")
package io.ipfskit.multiformats;
