package io.ipfskit.dht.kad.wire;

import java.net.ProtocolException;

/** Bytes that are not a valid kad-dht message or frame: the stream is reset and the request fails. */
public final class MalformedMessageException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** A malformed message, with a one-line reason. */
    public MalformedMessageException(String message) {
        super(message);
    }
}
