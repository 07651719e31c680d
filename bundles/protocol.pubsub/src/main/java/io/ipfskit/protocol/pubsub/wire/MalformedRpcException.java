package io.ipfskit.protocol.pubsub.wire;

/** Bytes that are not a pubsub RPC within our bounds; the stream that carried them is reset. */
public final class MalformedRpcException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    /** With the reason. */
    public MalformedRpcException(String message) {
        super(message);
    }
}
