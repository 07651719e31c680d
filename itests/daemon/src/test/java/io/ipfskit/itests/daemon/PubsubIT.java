package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pubsub between two daemons through kubo's RPC: B's {@code pubsub/sub} stream gets, as kubo's NDJSON, every message A
 * publishes with {@code pubsub/pub} (signed by A, seqnos increasing); {@code pubsub/ls} and {@code pubsub/peers} name
 * the topic and the peers; prints the publish-to-receive latency.
 */
class PubsubIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGES = 50;

    @TempDir
    Path temp;

    private static String multibase(byte[] bytes) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unmultibase(String text) {
        assertTrue(text.startsWith("u"), "base64url multibase: " + text);
        return Base64.getUrlDecoder().decode(text.substring(1));
    }

    private static void publish(Rpc rpc, String topic, byte[] data) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + Rpc.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = rpc.send(HttpRequest.newBuilder(rpc.uri("pubsub/pub?arg=" + topic))
                .timeout(LIMIT).header("Content-Type", "multipart/form-data; boundary=" + Rpc.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aSubscriberOnBGetsEveryMessageAPublishes() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (Daemon a = Daemon.start(BitswapIT.daemonArguments(repoA));
                Daemon b = Daemon.start(BitswapIT.daemonArguments(repoB))) {
            a.awaitLine("Daemon is ready", LIMIT);
            b.awaitLine("Daemon is ready", LIMIT);
            Rpc rpcA = new Rpc(repoA);
            Rpc rpcB = new Rpc(repoB);
            String idA = rpcA.call("id").get("ID").asText();
            String idB = rpcB.call("id").get("ID").asText();
            BitswapIT.ok(repoB, "swarm", "connect", BitswapIT.address(rpcA));
            String topic = multibase("itest/news".getBytes(StandardCharsets.UTF_8));

            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> read(rpcB, topic, received, arrivals), "pubsub-sub-reader");
            reader.setDaemon(true);
            reader.start();

            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!rpcA.call("pubsub/peers?arg=" + topic).get("Strings").toString().contains(idB)) {
                assertTrue(System.nanoTime() < deadline, "A never saw B subscribe");
                Thread.sleep(50);
            }
            assertEquals(List.of(topic), JSON.convertValue(rpcB.call("pubsub/ls").get("Strings"), List.class));
            assertTrue(rpcB.call("pubsub/peers").get("Strings").toString().contains(idA));

            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(System.nanoTime());
                publish(rpcA, topic, ("message " + i).getBytes(StandardCharsets.UTF_8));
            }
            long previousSeqno = Long.MIN_VALUE;
            for (int i = 0; i < MESSAGES; i++) {
                JsonNode m = received.poll(LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(m != null, "message " + i + " reached B's pubsub/sub");
                assertEquals(idA, m.get("from").asText());
                assertEquals("message " + i, new String(unmultibase(m.get("data").asText()), StandardCharsets.UTF_8));
                assertEquals(topic, m.get("topicIDs").get(0).asText());
                long seqno = java.nio.ByteBuffer.wrap(unmultibase(m.get("seqno").asText())).getLong();
                assertTrue(seqno > previousSeqno, "seqnos increase");
                previousSeqno = seqno;
            }
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                latencies.add(arrivals.get(i) - sent.get(i));
            }
            Collections.sort(latencies);
            System.out.printf("pubsub A->B latency over %d messages (RPC publish to RPC stream): p50 %.2f ms, max %.2f ms%n",
                    MESSAGES, latencies.get(MESSAGES / 2) / 1e6, latencies.get(MESSAGES - 1) / 1e6);
        }
    }

    /** Reads B's pubsub/sub stream line by line until the daemon goes. */
    private static void read(Rpc rpc, String topic, BlockingQueue<JsonNode> received, List<Long> arrivals) {
        try {
            HttpResponse<InputStream> response = rpc.send(HttpRequest.newBuilder(rpc.uri("pubsub/sub?arg=" + topic))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        arrivals.add(System.nanoTime());
                        received.add(JSON.readTree(line));
                    }
                }
            }
        } catch (Exception stopped) {
            // the daemon stopped at the end of the test
        }
    }
}
