package io.ipfskit.security.noise;

import java.net.ProtocolException;

/**
 * The remote broke the Noise protocol: a malformed, forged or undecryptable message, a small-order key, or an identity
 * whose signature over the static key does not verify or that is not the dialled peer. The channel is closed.
 */
final class NoiseProtocolException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    NoiseProtocolException(String message) {
        super(message);
    }

    NoiseProtocolException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
