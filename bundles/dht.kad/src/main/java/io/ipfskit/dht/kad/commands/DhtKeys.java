package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.multiformats.PeerId;
import java.nio.charset.StandardCharsets;

/** The arguments naming DHT keys and peers, parsed as kubo does, or a client error saying what is wrong. */
final class DhtKeys {

    private DhtKeys() {
    }

    /** A peer id in base58 or as a libp2p-key CID. */
    static PeerId peer(String argument) throws RpcException {
        try {
            return PeerId.parse(argument);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid peer ID \"" + argument + "\": " + e.getMessage());
        }
    }

    /**
     * kubo's value key {@code /pk/<peer id>} or {@code /ipns/<peer id>} (any peer id form) as the DHT's bytes: the
     * namespace and the peer id's multihash bytes.
     */
    static byte[] valueKey(String argument) throws RpcException {
        String[] parts = argument.split("/", -1);
        if (parts.length != 3 || !parts[0].isEmpty() || !(parts[1].equals("pk") || parts[1].equals("ipns"))) {
            throw RpcException.client("invalid key \"" + argument + "\": expected /pk/<peer id> or /ipns/<peer id>");
        }
        byte[] namespace = ("/" + parts[1] + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] id = peer(parts[2]).bytes();
        byte[] key = new byte[namespace.length + id.length];
        System.arraycopy(namespace, 0, key, 0, namespace.length);
        System.arraycopy(id, 0, key, namespace.length, id.length);
        return key;
    }
}
