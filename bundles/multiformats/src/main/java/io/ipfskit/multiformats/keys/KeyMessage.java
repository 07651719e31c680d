package io.ipfskit.multiformats.keys;

import io.ipfskit.multiformats.Varint;
import java.nio.ByteBuffer;

/**
 * The PublicKey and PrivateKey messages of libp2p's crypto.proto in their deterministic
 * encoding: field 1 (Type, varint) then field 2 (Data, bytes), nothing else.
 */
record KeyMessage(KeyType type, byte[] data) {

    private static final int TYPE_TAG = 1 << 3;
    private static final int DATA_TAG = 2 << 3 | 2;

    static KeyMessage parse(byte[] message, int maxDataLength) {
        if (message.length > maxDataLength + 16) {
            throw new IllegalArgumentException("key message of " + message.length + " bytes is too long");
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        expectTag(in, TYPE_TAG, "Type");
        KeyType type = KeyType.of(Varint.read(in));
        expectTag(in, DATA_TAG, "Data");
        long length = Varint.read(in);
        if (length != in.remaining()) {
            throw new IllegalArgumentException("key Data length " + length + " does not match the " + in.remaining() + " bytes left");
        }
        if (length > maxDataLength) {
            throw new IllegalArgumentException("key Data of " + length + " bytes exceeds " + maxDataLength);
        }
        byte[] data = new byte[(int) length];
        in.get(data);
        return new KeyMessage(type, data);
    }

    private static void expectTag(ByteBuffer in, int tag, String field) {
        if (!in.hasRemaining()) {
            throw new IllegalArgumentException("key message lacks the " + field + " field");
        }
        long actual = Varint.read(in);
        if (actual != tag) {
            throw new IllegalArgumentException("key message has tag 0x" + Long.toHexString(actual) + " where the " + field + " field belongs");
        }
    }

    byte[] marshal() {
        ByteBuffer out = ByteBuffer.allocate(2 + Varint.size(type.code()) + Varint.size(data.length) + data.length);
        out.put((byte) TYPE_TAG).put(Varint.encode(type.code()));
        out.put((byte) DATA_TAG).put(Varint.encode(data.length)).put(data);
        return out.array();
    }
}
