package io.ipfskit.protocol.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.testkit.Collector;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PingTest {

    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void pingMeasuresTheRoundTripAndRecordsIt() throws Exception {
        b.host.addProtocolHandler(new PingHandler());
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Duration rtt = new PingService(a.host).ping(b.node.peerId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(rtt.compareTo(Duration.ZERO) > 0);
        assertEquals(rtt, a.host.peerstore().get(b.node.peerId()).orElseThrow().latency());
    }

    @Test
    void handlerEchoesOnlyWholePingsEvenWhenSplit() throws Exception {
        b.host.addProtocolHandler(new PingHandler());
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Collector collector = new Collector();
        Stream s = a.host.newStream(b.node.peerId(), List.of(PingHandler.PROTOCOL), x -> collector)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        byte[] one = new byte[50];
        for (int i = 0; i < one.length; i++) {
            one[i] = (byte) i;
        }
        s.write(java.util.Arrays.copyOf(one, 20));
        s.write(java.util.Arrays.copyOfRange(one, 20, 50));
        s.closeWrite();
        byte[] echoed = collector.closed.get(10, TimeUnit.SECONDS);
        assertEquals(32, echoed.length);
        assertEquals(31, echoed[31]);
    }

    @Test
    void pingOfAPeerWithoutThePingProtocolFails() throws Exception {
        a.host.connect(b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        var result = new PingService(a.host).ping(b.node.peerId()).toCompletableFuture();
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> result.get(10, TimeUnit.SECONDS)).getCause().getMessage().contains("none of"));
    }

    @Test
    void gogoPingConnectsToAnAddressAndReportsEachPongAndTheAverage() throws Exception {
        b.host.addProtocolHandler(new PingHandler());
        String text = new PingCommand(new PingService(a.host), a.host).ping(b.address().toString(), 3);
        String[] lines = text.split("\n");
        assertEquals("PING " + b.node.peerId() + ".", lines[0]);
        assertEquals(5, lines.length, text);
        assertTrue(lines[3].startsWith("Pong received: time="), text);
        assertTrue(lines[4].startsWith("Average latency: "), text);
    }
}
