package io.ipfskit.muxer.mplex;

import java.net.ProtocolException;

/** The remote broke the mplex protocol; the session closes the connection, resetting its streams. */
final class MplexProtocolException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    MplexProtocolException(String message) {
        super(message);
    }
}
