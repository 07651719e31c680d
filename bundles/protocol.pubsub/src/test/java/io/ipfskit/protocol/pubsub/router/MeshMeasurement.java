package io.ipfskit.protocol.pubsub.router;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, on the simulated network (every hop 1 ms of simulated time, RPCs through the codec), a 50-node mesh (a
 * ring plus 6 random links per node): the publish-to-delivery latency p50/p99 and the copies of each message sent under
 * GossipSub and under floodsub, and GossipSub's delivery rate with 10% of the nodes silently gone. Run by hand:
 * <pre>mvn -pl bundles/protocol.pubsub test -Dtest=MeshMeasurement -Dpubsub.measure=true</pre>
 */
@EnabledIfSystemProperty(named = "pubsub.measure", matches = "true")
class MeshMeasurement {

    private static final int NODES = 50;
    private static final int MESSAGES = 200;
    private static final String TOPIC = "bench";

    private static SimNet network(PeerProtocol protocol, long seed) {
        SimNet net = new SimNet(NODES, GossipParams.DEFAULTS);
        net.hopNanos = 1_000_000;
        Random random = new Random(seed);
        Set<Long> links = new HashSet<>();
        for (int i = 0; i < NODES; i++) {
            link(net, links, i, (i + 1) % NODES, protocol);
            for (int k = 0; k < 6; k++) {
                link(net, links, i, random.nextInt(NODES), protocol);
            }
        }
        net.nodes.forEach(n -> n.router.join(TOPIC));
        net.pump();
        net.advance(Duration.ofSeconds(5));
        return net;
    }

    private static void link(SimNet net, Set<Long> links, int a, int b, PeerProtocol protocol) {
        if (a != b && links.add((long) Math.min(a, b) * NODES + Math.max(a, b))) {
            net.connect(a, b, protocol);
        }
    }

    private record Result(double p50, double p99, double copiesPerMessage, double deliveryRate) {
    }

    /** Messages sent so far by every node (each copy to each peer, IWANT answers included). */
    private static long copies(SimNet net) {
        return net.nodes.stream().flatMap(n -> n.sentTo.values().stream()).flatMap(List::stream)
                .mapToLong(r -> r.publish().size()).sum();
    }

    private static Result run(PeerProtocol protocol, double dropout) {
        SimNet net = network(protocol, 42);
        Random random = new Random(7);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i = 0; i < (int) (NODES * dropout); i++) {
            net.down.add(net.node(order.get(i)).id);
        }
        List<SimNet.Node> live = net.nodes.stream().filter(n -> !net.down.contains(n.id)).toList();
        long copiesBefore = copies(net);
        List<Double> latencies = new ArrayList<>();
        int expected = 0;
        int delivered = 0;
        for (int m = 0; m < MESSAGES; m++) {
            SimNet.Node publisher = live.get(random.nextInt(live.size()));
            live.forEach(n -> n.delivered.clear());
            live.forEach(n -> n.deliveredAt.clear());
            long start = net.now;
            publisher.router.publish(TOPIC, ("m" + m).getBytes(StandardCharsets.UTF_8));
            net.pump();
            net.advance(Duration.ofSeconds(3));
            for (SimNet.Node n : live) {
                if (n == publisher) {
                    continue;
                }
                expected++;
                if (!n.deliveredAt.isEmpty()) {
                    delivered++;
                    latencies.add((n.deliveredAt.get(0) - start) / 1e6);
                }
            }
        }
        long sent = copies(net) - copiesBefore;
        Collections.sort(latencies);
        return new Result(latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)),
                (double) sent / MESSAGES, (double) delivered / expected);
    }

    @Test
    void measure() {
        Result gossip = run(PeerProtocol.MESHSUB_11, 0);
        Result flood = run(PeerProtocol.FLOODSUB, 0);
        Result dropped = run(PeerProtocol.MESHSUB_11, 0.10);
        System.out.printf("50 nodes, 1 ms per hop: gossipsub p50 %.1f ms p99 %.1f ms, %.0f copies sent per message; "
                + "floodsub p50 %.1f ms p99 %.1f ms, %.0f copies%n",
                gossip.p50, gossip.p99, gossip.copiesPerMessage, flood.p50, flood.p99, flood.copiesPerMessage);
        System.out.printf("gossipsub with 10%% of the nodes gone: delivery rate %.4f, p50 %.1f ms p99 %.1f ms%n",
                dropped.deliveryRate, dropped.p50, dropped.p99);
        assertTrue(gossip.deliveryRate == 1.0 && flood.deliveryRate == 1.0, "every message everywhere");
    }
}
