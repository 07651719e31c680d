package io.ipfskit.security.tls;

import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.node.Node;
import io.ipfskit.testkit.SecureChannelConformance;

/** TLS passes the shared secure-channel suite. */
class TlsConformanceTest extends SecureChannelConformance {

    @Override
    protected SecureChannel create(Node node) {
        return new TlsSecureChannel(node);
    }
}
