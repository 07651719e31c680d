package io.ipfskit.protocol.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import io.ipfskit.api.pubsub.TopicValidator;
import io.ipfskit.protocol.pubsub.router.GossipParams;
import io.ipfskit.protocol.pubsub.router.ScoreParams;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two and three routers on real loopback hosts (TCP, Noise, yamux): subscriptions, publishing, validators, stopping. */
class PubSubServiceTest {

    private final List<TestHost> hosts = new ArrayList<>();
    private final List<PubSubService> services = new ArrayList<>();

    private PubSubService start() {
        TestHost host = new TestHost();
        PubSubService service = new PubSubService(host.host, host.node, GossipParams.DEFAULTS, ScoreParams.DEFAULTS);
        for (ProtocolHandler handler : service.handlers()) {
            host.host.addProtocolHandler(handler);
        }
        hosts.add(host);
        services.add(service);
        return service;
    }

    @AfterEach
    void stop() throws Exception {
        for (PubSubService s : services) {
            s.close();
        }
        hosts.forEach(TestHost::close);
    }

    private void connect(int a, int b) throws Exception {
        hosts.get(a).host.connect(hosts.get(b).address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static PubSubMessage next(Subscription s) throws InterruptedException {
        Optional<PubSubMessage> m = s.next(Duration.ofSeconds(10));
        assertTrue(m.isPresent(), "a message within 10 s");
        return m.get();
    }

    @Test
    void aSubscriberGetsWhatAPeerPublishesSignedByThePublisher() throws Exception {
        PubSubService a = start();
        PubSubService b = start();
        connect(0, 1);
        Subscription sub = b.subscribe("chat");
        Await.until("a to see b in the topic", Duration.ofSeconds(10), () -> !a.peers("chat").isEmpty());
        a.publish("chat", "hello".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        PubSubMessage m = next(sub);
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), m.data());
        assertEquals(hosts.get(0).node.peerId(), m.from());
        assertEquals(List.of("chat"), m.topics());
        assertEquals(8, m.seqno().length);
        assertEquals(Set.of("chat"), b.topics());
        assertEquals(Set.of(hosts.get(1).node.peerId()), a.peers("chat"));
    }

    @Test
    void aMessageCrossesTwoHopsAndAValidatorStopsOne() throws Exception {
        PubSubService a = start();
        PubSubService b = start();
        PubSubService c = start();
        connect(0, 1);
        connect(1, 2);
        Subscription atB = b.subscribe("t");
        Subscription atC = c.subscribe("t");
        Await.until("the mesh a-b-c", Duration.ofSeconds(10),
                () -> a.peers("t").size() == 1 && b.peers("t").size() == 1);
        a.subscribe("t");
        Await.until("b's mesh to hold a and c", Duration.ofSeconds(10), () -> b.mesh("t").size() == 2);
        a.publish("t", new byte[] {1}).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {1}, next(atC).data());
        assertArrayEquals(new byte[] {1}, next(atB).data());
        AutoCloseable validator = b.addValidator("t", m -> m.data()[0] == 2 ? TopicValidator.Result.IGNORE
                : TopicValidator.Result.ACCEPT);
        a.publish("t", new byte[] {2}).toCompletableFuture().get(10, TimeUnit.SECONDS);
        a.publish("t", new byte[] {3}).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {3}, next(atB).data(), "b ignored 2");
        assertArrayEquals(new byte[] {3}, next(atC).data(), "and did not forward it to c");
        validator.close();
    }

    @Test
    void closingStopsTheRouterThreadAndEndsSubscriptions() throws Exception {
        PubSubService a = start();
        Subscription sub = a.subscribe("x");
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("ipfskit-pubsub-router")));
        for (PubSubService s : services) {
            s.close();
        }
        services.clear();
        assertTrue(sub.closed());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("ipfskit-pubsub-router")
                && t.isAlive()), "no router thread left");
    }
}
