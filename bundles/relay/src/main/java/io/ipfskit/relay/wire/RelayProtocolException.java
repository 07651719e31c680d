package io.ipfskit.relay.wire;

import java.io.IOException;

/** A relay or AutoNAT message that is malformed, too large, or not what the exchange expects at that point. */
public final class RelayProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With the reason. */
    public RelayProtocolException(String message) {
        super(message);
    }
}
