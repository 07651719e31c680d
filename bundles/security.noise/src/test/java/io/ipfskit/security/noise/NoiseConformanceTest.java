package io.ipfskit.security.noise;

import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.node.Node;
import io.ipfskit.testkit.SecureChannelConformance;

/** Noise passes the shared secure-channel suite. */
class NoiseConformanceTest extends SecureChannelConformance {

    @Override
    protected SecureChannel create(Node node) {
        return new NoiseSecureChannel(node);
    }
}
