package io.ipfskit.protocol.pubsub.router;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * StrictSign: a message is signed by its origin over {@code "libp2p-pubsub:"} followed by its encoding without
 * signature and key; the key travels in the message only when the origin's peer id does not inline it. Verification
 * takes a message only with from, seqno and signature present, a key (inlined or carried) matching from, and a valid
 * signature.
 */
public final class Signing {

    /** The prefix of every signed message. */
    static final byte[] PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

    private Signing() {
    }

    /** The bytes a signature covers. */
    static byte[] signedBytes(Rpc.Message message) {
        byte[] body = RpcCodec.encode(message.unsigned());
        byte[] all = new byte[PREFIX.length + body.length];
        System.arraycopy(PREFIX, 0, all, 0, PREFIX.length);
        System.arraycopy(body, 0, all, PREFIX.length, body.length);
        return all;
    }

    /** The message signed by us: {@code signer} signs with our private key, {@code self} is our peer id and key. */
    public static Rpc.Message sign(Rpc.Message unsigned, PeerId self, PublicKey key, UnaryOperator<byte[]> signer) {
        byte[] signature = signer.apply(signedBytes(unsigned));
        byte[] carried = self.extractPublicKey().isPresent() ? null : key.marshal();
        return new Rpc.Message(unsigned.from(), unsigned.data(), unsigned.seqno(), unsigned.topics(), signature,
                carried);
    }

    /** The origin of a correctly signed message, or empty when anything of StrictSign does not hold. */
    public static Optional<PeerId> verify(Rpc.Message message) {
        if (message.from() == null || message.seqno() == null || message.signature() == null) {
            return Optional.empty();
        }
        try {
            PeerId from = PeerId.fromBytes(message.from());
            PublicKey key;
            if (message.key() != null) {
                key = PublicKey.unmarshal(message.key());
                if (!from.matches(key)) {
                    return Optional.empty();
                }
            } else {
                Optional<PublicKey> inlined = from.extractPublicKey();
                if (inlined.isEmpty()) {
                    return Optional.empty();
                }
                key = inlined.get();
            }
            return key.verify(signedBytes(message), message.signature()) ? Optional.of(from) : Optional.empty();
        } catch (IllegalArgumentException unparsable) {
            return Optional.empty();
        }
    }
}
