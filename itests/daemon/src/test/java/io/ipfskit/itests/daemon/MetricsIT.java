package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running daemon serves Prometheus text at {@code GET /debug/metrics/prometheus} on its API listener (kubo's path):
 * after an add and a cat the RPC, tier, host, DHT, Bitswap and block service meters are there with plausible values;
 * every meter the dashboard in docs/ names is served; stopping the metrics bundle takes the path away and starting it
 * brings the meters back. Prints the scrape time.
 */
class MetricsIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path repo;

    @Test
    void theScrapeShowsWhatTheNodeDid() throws Exception {
        try (Daemon daemon = Daemon.start(BitswapIT.daemonArguments(repo))) {
            daemon.awaitLine("Daemon is ready", LIMIT);
            Rpc rpc = new Rpc(repo);
            byte[] data = new byte[3 << 20];
            new Random(5).nextBytes(data);
            String cid = rpc.add("metrics.bin", data);
            assertArrayEquals(data, rpc.bytes("cat?arg=" + cid));
            int items = rpc.call("repo/stat").get("NumObjects").asInt();

            Map<String, Double> samples = samples(scrape(rpc, 200));
            assertEquals(1.0, samples.get("ipfskit_rpc_request_seconds_count{command=\"add\",outcome=\"ok\"}"), samples.toString());
            assertEquals(1.0, samples.get("ipfskit_rpc_request_seconds_count{command=\"cat\",outcome=\"ok\"}"));
            assertTrue(samples.get("ipfskit_rpc_request_seconds_sum{command=\"add\",outcome=\"ok\"}") > 0);
            assertEquals(items, samples.get("ipfskit_tier_items{tier=\"flatfs\"}"), "the durable tier holds every block");
            assertTrue(samples.get("ipfskit_tier_bytes{tier=\"flatfs\"}") >= data.length);
            assertTrue(samples.get("ipfskit_tier_hits_total{tier=\"flatfs\"}") > 0,
                    "the cat read from flatfs (an add no longer caches what it writes: cacheWrites=false)");
            assertEquals(0.0, samples.get("ipfskit_host_connections{direction=\"inbound\"}"), "the test profile dials nobody");
            assertEquals(0.0, samples.get("ipfskit_dht_routing_table_size{dht=\"wan\"}"));
            assertEquals(0.0, samples.get("ipfskit_bitswap_received_blocks_total"));
            assertEquals(0.0, samples.get("ipfskit_blockservice_cache_misses_total"), "everything was local");

            // The dashboard in docs/ names only meters the node serves.
            String dashboard = Files.readString(Path.of("../../docs/metrics-dashboard.json"));
            Set<String> served = samples.keySet().stream().map(k -> k.replaceAll("\\{.*", "")).collect(Collectors.toSet());
            Matcher names = Pattern.compile("ipfskit_[a-z_]+").matcher(dashboard);
            while (names.find()) {
                assertTrue(served.contains(names.group()), "the dashboard names " + names.group() + ", not served");
            }

            long start = System.nanoTime();
            int scrapes = 20;
            for (int i = 0; i < scrapes; i++) {
                scrape(rpc, 200);
            }
            System.out.printf("scrape: %.2f ms each (%d meters)%n", (System.nanoTime() - start) / 1e6 / scrapes,
                    samples.size());

            assertEquals("Resolved", rpc.call("bundle/stop?arg=io.ipfskit.metrics").get("State").asText());
            scrape(rpc, 404);
            assertArrayEquals(data, rpc.bytes("cat?arg=" + cid), "the node works on without its metrics");
            assertEquals("Active", rpc.call("bundle/start?arg=io.ipfskit.metrics").get("State").asText());
            long deadline = System.nanoTime() + LIMIT.toNanos();
            Map<String, Double> back = Map.of();
            while (!back.containsKey("ipfskit_tier_items{tier=\"flatfs\"}")) {
                assertTrue(System.nanoTime() < deadline, "the meters did not come back: " + back);
                Thread.sleep(100);
                back = samples(scrape(rpc, -1));
            }
            assertEquals(items, back.get("ipfskit_tier_items{tier=\"flatfs\"}"));
        }
    }

    /** The scrape's text; fails unless its status is {@code expected} (-1: any, the body of a non-200 is empty). */
    private static String scrape(Rpc rpc, int expected) throws Exception {
        URI uri = rpc.uri("").resolve("/debug/metrics/prometheus");
        HttpResponse<String> response = rpc.send(HttpRequest.newBuilder(uri).timeout(LIMIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (expected >= 0) {
            assertEquals(expected, response.statusCode(), response.body());
        }
        if (response.statusCode() == 200) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        }
        return response.statusCode() == 200 ? response.body() : "";
    }

    /** Each sample line's name with its labels, and its value. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new HashMap<>();
        Arrays.stream(text.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return out;
    }
}
