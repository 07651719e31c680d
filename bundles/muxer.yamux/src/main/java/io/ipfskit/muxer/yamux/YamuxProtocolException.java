package io.ipfskit.muxer.yamux;

import java.net.ProtocolException;

/** The remote broke the yamux protocol; the session answers with GO_AWAY (protocol error) and closes the connection. */
final class YamuxProtocolException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    YamuxProtocolException(String message) {
        super(message);
    }
}
