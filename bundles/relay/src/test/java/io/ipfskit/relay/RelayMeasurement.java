package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.relay.wire.Limit;
import io.ipfskit.testkit.Collector;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures, not checks (numbers on shared cores belong in notes): on three loopback hosts, the time from a RESERVE to the
 * reservation held, the time to open a relayed connection (CONNECT, then Noise and yamux over the circuit), and the
 * rate of one echo stream through the relay with limits raised out of the way (each byte crosses the relay twice and is
 * encrypted end to end). Run by hand:
 * <pre>mvn -pl bundles/relay test -Dtest=RelayMeasurement -Drelay.measure=true [-Drelay.mib=32]</pre>
 */
@EnabledIfSystemProperty(named = "relay.measure", matches = "true")
class RelayMeasurement {

    private static final int MIB = 1024 * 1024;

    @Test
    void reservationConnectionAndThroughput() throws Exception {
        int mib = Integer.getInteger("relay.mib", 32);
        RelayLimits d = RelayLimits.defaults();
        RelayLimits raised = new RelayLimits(d.reservationTtl(), d.maxReservations(), d.maxReservationsPerIp(),
                d.maxCircuitsPerPeer(), d.maxCircuits(), new Limit(3600, 1L << 40));
        try (RelayRig rig = new RelayRig(raised)) {
            rig.b.host.connect(rig.relay.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Reservations warm = new Reservations(rig.a.host, List.of(), rig.timers, Clock.systemUTC());
            warm.reserve(rig.relay.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            rig.aRelays.reserve(rig.relay.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            Connection c = rig.b.host.connect(rig.aThroughRelay()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long t2 = System.nanoTime();
            byte[] chunk = new byte[64 * 1024];
            Collector collector = new Collector();
            Stream stream = c.newStream(List.of(RelayRig.ECHO), s -> collector).toCompletableFuture().get(10, TimeUnit.SECONDS);
            long t3 = System.nanoTime();
            for (int i = 0; i < mib * 16; i++) {
                stream.onWritable().toCompletableFuture().get(30, TimeUnit.SECONDS);
                stream.write(chunk.clone());
            }
            stream.closeWrite();
            byte[] back = collector.closed.get(120, TimeUnit.SECONDS);
            long t4 = System.nanoTime();
            assertEquals((long) mib * MIB, back.length);
            System.out.printf("reservation (warm connection): %.1f ms%n", (t1 - t0) / 1e6);
            System.out.printf("relayed connection (CONNECT, Noise, yamux): %.1f ms%n", (t2 - t1) / 1e6);
            System.out.printf("echo of %d MiB through the relay: %.1f MB/s each way%n", mib,
                    (double) mib * MIB / ((t4 - t3) / 1e9) / 1e6);
            warm.close();
        }
    }
}
