package io.ipfskit.host.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.metrics.Meter;
import io.ipfskit.testing.MemoryMetrics;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostMetersTest {

    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();
    private final MemoryMetrics metrics = new MemoryMetrics();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void connectionsAndStreamsAreCountedAsTheyComeAndGo() throws Exception {
        List<Meter> meters = new HostMeters(a.host).bind(metrics);
        assertEquals(0, metrics.value("ipfskit.host.connections", "direction", "outbound"));
        Swarm.connect(a.host, b.address().toString());
        assertEquals(1, metrics.value("ipfskit.host.connections", "direction", "outbound"));
        assertEquals(0, metrics.value("ipfskit.host.connections", "direction", "inbound"));
        Await.until("the connection to be counted", Duration.ofSeconds(10),
                () -> metrics.value("ipfskit.host.connections.opened") == 1);
        // Streams come and go on their own (identify): the meter follows the connection's count.
        Await.until("the streams to be counted", Duration.ofSeconds(10),
                () -> a.host.connections().get(0).streamCount() == metrics.value("ipfskit.host.streams"));
        Swarm.disconnect(a.host, b.address().toString());
        Await.until("the disconnect to be counted", Duration.ofSeconds(10),
                () -> metrics.value("ipfskit.host.connections.closed") == 1);
        assertEquals(0, metrics.value("ipfskit.host.connections", "direction", "outbound"));
        meters.forEach(Meter::close);
        assertEquals(0, metrics.size(), "every meter closed");
    }
}
