package io.ipfskit.itests.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.itests.support.JsPeer;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.muxer.mplex.MplexMuxer;
import io.ipfskit.plugin.echo.EchoProtocol;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A js-libp2p peer that offers only mplex: our host (yamux and mplex) falls back to mplex in both directions. */
class JsMplexInteropTest {

    private static final String ECHO = "/test/echo/1.0.0";

    private TestHost java;
    private JsPeer js;

    @BeforeEach
    void start() throws Exception {
        java = new TestHost();
        java.host.addMuxer(new MplexMuxer(64, 1024 * 1024));
        java.host.addProtocolHandler(new EchoProtocol(ECHO));
        js = new JsPeer("mplex");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            js.close();
        } finally {
            java.close();
        }
    }

    @Test
    void javaDialsJsOverMplex() throws Exception {
        Connection c = java.host.connect(Multiaddr.parse(js.address)).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(MplexMuxer.PROTOCOL, c.muxer());
        Collector collector = new Collector();
        Stream stream = java.host.newStream(PeerId.parse(js.peerId), List.of(ECHO), s -> collector)
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        String big = "m".repeat(300_000);
        stream.write(big.getBytes());
        stream.closeWrite();
        assertEquals(big, new String(collector.closed.get(20, TimeUnit.SECONDS)));
    }

    @Test
    void jsDialsJavaOverMplex() throws Exception {
        String reply = js.call("echo", Map.of("addr", java.address().toString(), "data", "over mplex")).get("data").asText();
        assertEquals("over mplex", reply);
        Await.until("the inbound connection", Duration.ofSeconds(20), () -> !java.host.connections().isEmpty());
        assertEquals(MplexMuxer.PROTOCOL, java.host.connections().get(0).muxer());
    }
}
