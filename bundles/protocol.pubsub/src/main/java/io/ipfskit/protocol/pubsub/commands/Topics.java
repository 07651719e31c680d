package io.ipfskit.protocol.pubsub.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.multiformats.Multibase;
import java.nio.charset.StandardCharsets;

/** Topics as kubo's RPC writes them: multibase text (kubo sends base64url, {@code u…}) of the topic's UTF-8 bytes. */
final class Topics {

    private Topics() {
    }

    /** The topic named by a multibase argument, or a client error. */
    static String decode(String argument) throws RpcException {
        try {
            return new String(Multibase.decode(argument), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("topic is not multibase-encoded (kubo's clients send u<base64url>): "
                    + e.getMessage());
        }
    }

    /** The topic as base64url multibase. */
    static String encode(String topic) {
        return Multibase.BASE64URL.encode(topic.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes as base64url multibase. */
    static String encode(byte[] bytes) {
        return Multibase.BASE64URL.encode(bytes);
    }
}
