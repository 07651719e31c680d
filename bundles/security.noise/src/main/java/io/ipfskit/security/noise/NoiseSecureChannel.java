package io.ipfskit.security.noise;

import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.PeerId;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code /noise} secure channel: one X25519 static key per instance, bound to the node's identity by a signature
 * made once with {@link Node#sign}; each handshake uses fresh ephemeral keys.
 */
@Component(service = SecureChannel.class, property = SecureChannel.PROTOCOL_ID + "=" + NoiseSecureChannel.PROTOCOL)
public final class NoiseSecureChannel implements SecureChannel {

    /** The libp2p protocol id of Noise. */
    public static final String PROTOCOL = "/noise";

    private final X25519.Pair staticKeys = X25519.generate();
    private final byte[] payload;

    /** Signs a fresh static key with the node's identity. */
    @Activate
    public NoiseSecureChannel(@Reference Node node) {
        byte[] signature = node.sign(HandshakePayload.signedData(staticKeys.publicKey()));
        this.payload = new HandshakePayload(node.publicKey().marshal(), signature).encode();
    }

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public CompletionStage<SecureSession> secure(Channel channel, boolean initiator, PeerId expectedRemote) {
        CompletableFuture<SecureSession> result = new CompletableFuture<>();
        channel.pipeline().addLast("noise-handshake",
                new NoiseHandshakeHandler(initiator, staticKeys, payload, expectedRemote, result));
        return result;
    }
}
