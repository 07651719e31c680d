package io.ipfskit.api.net.spi;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;

/**
 * The outcome of a security handshake: who the remote peer provably is, which protocol secured the channel, and the
 * muxer both sides agreed on inside the handshake (TLS's ALPN), or null when the muxer is negotiated afterwards.
 */
public record SecureSession(PeerId remotePeer, PublicKey remoteKey, String protocolId, String earlyMuxer) {

    /** A session whose muxer is negotiated after the handshake. */
    public SecureSession(PeerId remotePeer, PublicKey remoteKey, String protocolId) {
        this(remotePeer, remoteKey, protocolId, null);
    }
}
