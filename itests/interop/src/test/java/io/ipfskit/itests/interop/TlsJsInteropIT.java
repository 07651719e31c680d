package io.ipfskit.itests.interop;

import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.security.tls.TlsSecureChannel;
import io.ipfskit.testkit.TestHost;
import java.nio.file.Path;
import java.util.Map;

/**
 * The js-libp2p interop of {@link JsLibp2pInteropTest} over TLS alone: our host without Noise, js-libp2p with only
 * {@code @libp2p/tls} 2.2.7; both directions connect, identify, ping and echo, both ends naming {@code /tls/1.0.0} and
 * yamux (agreed inside the TLS handshake).
 */
class TlsJsInteropIT extends JsLibp2pInteropTest {

    @Override
    TestHost javaHost() {
        TestHost host = new TestHost();
        host.host.addSecureChannel(new TlsSecureChannel(host.node));
        host.host.removeSecureChannel(host.noise);
        return host;
    }

    @Override
    JsPeer jsPeer() throws Exception {
        return new JsPeer(Path.of(System.getProperty("interop.dir", ".")), "peer.mjs",
                Map.of("MUXER", "yamux", "SECURITY", "tls"));
    }

    @Override
    String security() {
        return TlsSecureChannel.PROTOCOL;
    }
}
