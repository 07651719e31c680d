package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.itests.support.Pubsub;
import io.ipfskit.itests.support.Rpc;
import io.ipfskit.itests.support.RunningNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pubsub between two daemons through kubo's RPC: B's {@code pubsub/sub} stream gets, as kubo's NDJSON, every message A
 * publishes with {@code pubsub/pub} (signed by A, seqnos increasing); {@code pubsub/ls} and {@code pubsub/peers} name
 * the topic and the peers; {@code ipfs-kit pubsub pub|ls|peers} as kubo's CLI; prints the publish-to-receive latency.
 */
class PubsubIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final int MESSAGES = 50;

    @TempDir
    Path temp;

    @Test
    void aSubscriberOnBGetsEveryMessageAPublishes() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (RunningNode a = RunningNode.start(repoA, BitswapIT.daemonArguments(repoA));
                RunningNode b = RunningNode.start(repoB, BitswapIT.daemonArguments(repoB))) {
            Rpc rpcA = a.rpc();
            Rpc rpcB = b.rpc();
            String idA = a.id();
            String idB = b.id();
            BitswapIT.ok(repoB, "swarm", "connect", a.address());
            String topic = "itest/news";
            try (Pubsub sub = Pubsub.subscribe(rpcB, topic)) {
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (!rpcA.call("pubsub/peers?arg=" + Pubsub.topic(topic)).get("Strings").toString().contains(idB)) {
                    assertTrue(System.nanoTime() < deadline, "A never saw B subscribe");
                    Thread.sleep(50);
                }
                // Our topic, and the one the pubsub peer-discovery bundle keeps (as js-libp2p's getTopics lists it).
                assertEquals("[\"" + Pubsub.topic("_peer-discovery._p2p._pubsub") + "\",\"" + Pubsub.topic(topic) + "\"]",
                        rpcB.call("pubsub/ls").get("Strings").toString());
                assertTrue(rpcB.call("pubsub/peers").get("Strings").toString().contains(idA));

                List<Long> sent = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    sent.add(System.nanoTime());
                    Pubsub.publish(rpcA, topic, ("message " + i).getBytes(StandardCharsets.UTF_8));
                }
                long previousSeqno = Long.MIN_VALUE;
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    Pubsub.Received m = sub.next(LIMIT);
                    JsonNode json = m.json();
                    assertEquals(idA, json.get("from").asText());
                    assertEquals("message " + i, m.data());
                    assertEquals(Pubsub.topic(topic), json.get("topicIDs").get(0).asText());
                    long seqno = ByteBuffer.wrap(Pubsub.decode(json.get("seqno").asText())).getLong();
                    assertTrue(seqno > previousSeqno, "seqnos increase");
                    previousSeqno = seqno;
                    latencies.add(m.arrivedAt() - sent.get(i));
                }
                Path file = temp.resolve("cli-message");
                java.nio.file.Files.writeString(file, "through the CLI");
                BitswapIT.ok(repoA, "pubsub", "pub", topic, file.toString());
                assertEquals("through the CLI", sub.next(LIMIT).data());
                assertEquals(List.of("_peer-discovery._p2p._pubsub", topic), BitswapIT.ok(repoB, "pubsub", "ls").lines().toList());
                assertEquals(idB, BitswapIT.ok(repoA, "pubsub", "peers", topic));
                Collections.sort(latencies);
                System.out.printf("pubsub A->B latency over %d messages (RPC publish to RPC stream): p50 %.2f ms, "
                        + "max %.2f ms%n", MESSAGES, latencies.get(MESSAGES / 2) / 1e6, latencies.get(MESSAGES - 1) / 1e6);
            }
        }
    }
}
