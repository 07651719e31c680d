package io.ipfskit.security.tls;

import java.security.cert.CertificateException;

/** The remote's certificate breaks libp2p's TLS rules: the handshake is refused and the channel closed. */
public final class TlsPeerException extends CertificateException {

    private static final long serialVersionUID = 1L;

    TlsPeerException(String message) {
        super(message);
    }

    TlsPeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
