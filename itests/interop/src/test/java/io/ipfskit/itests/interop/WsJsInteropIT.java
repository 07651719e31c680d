package io.ipfskit.itests.interop;

import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.testkit.TestHost;
import io.ipfskit.transport.ws.WsTransport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The js-libp2p interop of {@link JsLibp2pInteropTest} over WebSocket alone: our host listening on {@code /ws} only,
 * js-libp2p with only {@code @libp2p/websockets} 9.2.13; both directions connect, identify (our {@code /ws} listen
 * address in our signed record), ping and echo 700 KB and 500 KB over Noise and yamux inside the WebSocket.
 */
class WsJsInteropIT extends JsLibp2pInteropTest {

    @Override
    TestHost javaHost() {
        try {
            return new TestHost(new WsTransport(1), Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    JsPeer jsPeer() throws Exception {
        return new JsPeer(Path.of(System.getProperty("interop.dir", ".")), "peer.mjs", Map.of("TRANSPORT", "ws"));
    }
}
