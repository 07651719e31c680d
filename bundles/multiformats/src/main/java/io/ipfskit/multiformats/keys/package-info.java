/**
 * libp2p keys as defined by the crypto.proto of the libp2p peer-id spec: public keys of
 * every libp2p key type (verification only) and Ed25519 private keys.
 */
@org.osgi.annotation.bundle.Export(substitution = org.osgi.annotation.bundle.Export.Substitution.NOIMPORT)
@org.osgi.annotation.versioning.Version("1.1.0")
package io.ipfskit.multiformats.keys;
