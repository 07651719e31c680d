package io.ipfskit.itests.interop;

import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.transport.quic.QuicTransport;
import io.ipfskit.transport.tcp.TcpTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The js-libp2p interop of {@link JsLibp2pInteropTest} over QUIC alone: our host listening on {@code quic-v1} only,
 * js-libp2p with only {@code @chainsafe/libp2p-quic} 1.1.8; both directions connect (libp2p's TLS certificates inside
 * QUIC, ALPN {@code libp2p}), identify, ping and echo 700 KB and 500 KB over QUIC streams.
 */
class QuicJsInteropIT extends JsLibp2pInteropTest {

    private TestHost host;
    private QuicTransport quic;

    /** A host whose one listen address is QUIC's: its TCP transport handles none of it, QUIC listens there. */
    @Override
    TestHost javaHost() {
        host = new TestHost(new TcpTransport(1, 8), Multiaddr.parse("/ip4/127.0.0.1/udp/0/quic-v1"));
        quic = new QuicTransport(host.node, 1);
        host.host.addMuxedTransport(quic);
        return host;
    }

    @Override
    JsPeer jsPeer() throws Exception {
        return new JsPeer(Path.of(System.getProperty("interop.dir", ".")), "peer.mjs", Map.of("TRANSPORT", "quic"));
    }

    @Override
    String security() {
        return QuicTransport.PROTOCOL;
    }

    @Override
    String muxer() {
        return QuicTransport.PROTOCOL;
    }

    /** js-libp2p names a transport's own security "native" and QUIC's streams "quic". */
    @Override
    List<String> jsSecurityAndMuxer() {
        return List.of("native", "quic");
    }

    @AfterEach
    void stopQuic() {
        host.host.removeMuxedTransport(quic);
        quic.close();
    }
}
