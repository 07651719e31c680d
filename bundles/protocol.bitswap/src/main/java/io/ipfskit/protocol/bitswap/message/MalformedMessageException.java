package io.ipfskit.protocol.bitswap.message;

import java.net.ProtocolException;

/** Bytes that are not a valid Bitswap message or frame: the peer that sent them is cut off. */
public final class MalformedMessageException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** A malformed message, with a one-line reason. */
    public MalformedMessageException(String message) {
        super(message);
    }
}
