package io.ipfskit.api.net.spi;

import io.ipfskit.multiformats.PeerId;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates and encrypts a channel (e.g. {@code /noise}); register it with {@link #PROTOCOL_ID}. {@link #secure}
 * adds its handlers at the end of the pipeline and completes, on the channel's event loop and before any plaintext is
 * passed on, once the remote is authenticated; from then on the pipeline carries plaintext {@code ByteBuf}s.
 */
public interface SecureChannel {

    /** Service property holding the protocol id negotiated with multistream-select, e.g. {@code /noise}. */
    String PROTOCOL_ID = "ipfskit.security.protocol";

    /** The protocol id, equal to the {@link #PROTOCOL_ID} service property. */
    String protocolId();

    /**
     * Runs the handshake; must be called on the channel's event loop. Fails (and closes the channel) on a bad
     * handshake or when {@code expectedRemote} is non-null and differs from the authenticated peer.
     */
    CompletionStage<SecureSession> secure(Channel channel, boolean initiator, PeerId expectedRemote);

    /**
     * As {@link #secure(Channel, boolean, PeerId)}, offering the host's muxer ids (in preference order) for early muxer
     * negotiation; a channel that agrees on one names it in {@link SecureSession#earlyMuxer()}. Channels without early
     * negotiation ignore them.
     */
    default CompletionStage<SecureSession> secure(Channel channel, boolean initiator, PeerId expectedRemote,
            List<String> muxers) {
        return secure(channel, initiator, expectedRemote);
    }
}
