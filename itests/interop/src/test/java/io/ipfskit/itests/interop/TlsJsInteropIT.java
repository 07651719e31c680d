package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.security.tls.TlsSecureChannel;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The js-libp2p interop of {@link JsLibp2pInteropTest} over TLS alone: our host without Noise, js-libp2p with only
 * {@code @libp2p/tls} 2.2.7; both directions connect, identify, ping and echo, both ends naming {@code /tls/1.0.0} and
 * yamux (agreed inside the TLS handshake). And a host of ours offering both, Noise first as the node does, settles on
 * TLS with that js peer in both directions.
 */
class TlsJsInteropIT extends JsLibp2pInteropTest {

    private static TestHost withTls(boolean withoutNoise) {
        TestHost host = new TestHost();
        host.host.addSecureChannel(new TlsSecureChannel(host.node));
        if (withoutNoise) {
            host.host.removeSecureChannel(host.noise);
        }
        return host;
    }

    @Override
    TestHost javaHost() {
        return withTls(true);
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

    @Test
    void aHostOfferingNoiseFirstSettlesOnTlsBothWays() throws Exception {
        try (TestHost both = withTls(false); JsPeer other = jsPeer()) {
            assertEquals(TlsSecureChannel.PROTOCOL, both.host.connect(Multiaddr.parse(other.address))
                    .toCompletableFuture().get(20, TimeUnit.SECONDS).security());
            try (JsPeer dialler = jsPeer()) {
                dialler.call("dial", Map.of("addr", both.address().toString()));
                Await.until("the connection from the js dialler", Duration.ofSeconds(20), () -> both.host.connections()
                        .stream().anyMatch(c -> c.remotePeer().toString().equals(dialler.peerId)));
                assertEquals(TlsSecureChannel.PROTOCOL, both.host.connections().stream()
                        .filter(c -> c.remotePeer().toString().equals(dialler.peerId)).findFirst().orElseThrow().security());
            }
        }
    }
}
