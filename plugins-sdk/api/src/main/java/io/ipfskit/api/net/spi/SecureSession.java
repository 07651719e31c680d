package io.ipfskit.api.net.spi;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;

/** The outcome of a security handshake: who the remote peer provably is, and which protocol secured the channel. */
public record SecureSession(PeerId remotePeer, PublicKey remoteKey, String protocolId) {
}
