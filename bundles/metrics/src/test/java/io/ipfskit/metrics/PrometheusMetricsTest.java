package io.ipfskit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.metrics.Counter;
import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void metersAppearInPrometheusConventionsAndMove() throws Exception {
        Counter events = metrics.counter("ipfskit.test.events", "events seen", "kind", "a");
        events.increment();
        events.increment(2);
        AtomicLong total = new AtomicLong(41);
        metrics.counter("ipfskit.test.bytes", "bytes read", total::get);
        total.incrementAndGet();
        metrics.gauge("ipfskit.test.size", "items held", () -> 7);
        metrics.timer("ipfskit.test.latency", "time taken", "command", "id").record(Duration.ofMillis(250));

        String text = scrape();
        assertTrue(text.contains("ipfskit_test_events_total{kind=\"a\"} 3.0"), text);
        assertTrue(text.contains("ipfskit_test_bytes_total 42.0"), text);
        assertTrue(text.contains("ipfskit_test_size 7.0"), text);
        assertTrue(text.contains("ipfskit_test_latency_seconds_count{command=\"id\"} 1"), text);
        assertTrue(text.contains("ipfskit_test_latency_seconds_sum{command=\"id\"} 0.25"), text);
        assertTrue(text.contains("# HELP ipfskit_test_events_total events seen"), text);
    }

    @Test
    void theSameNameAndTagsIsTheSameMeterAndAClosedMeterLeavesTheScrape() throws Exception {
        metrics.counter("ipfskit.test.events", "events", "kind", "a").increment();
        metrics.counter("ipfskit.test.events", "events", "kind", "a").increment();
        assertTrue(scrape().contains("ipfskit_test_events_total{kind=\"a\"} 2.0"), scrape());
        Meter gauge = metrics.gauge("ipfskit.test.size", "items", () -> 1);
        gauge.close();
        assertFalse(scrape().contains("ipfskit_test_size"), scrape());
    }

    @Test
    void aFunctionCounterKeepsReadingItsSupplierAfterAGarbageCollection() throws Exception {
        AtomicLong total = new AtomicLong(42);
        registerOnlyTheRegistryHolds(total);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        total.incrementAndGet();
        assertTrue(scrape().contains("ipfskit_test_read_total 43.0"), scrape());
    }

    /** A counter whose supplier (a fresh lambda) nothing but the registry holds. */
    private void registerOnlyTheRegistryHolds(AtomicLong total) {
        metrics.counter("ipfskit.test.read", "read", () -> total.get());
    }

    @Test
    void aBindersMetersComeAndGoWithIt() throws Exception {
        AtomicLong seen = new AtomicLong(5);
        MeterBinder binder = registry -> List.of(registry.counter("ipfskit.test.seen", "things seen", seen::get));
        metrics.addBinder(binder);
        assertTrue(scrape().contains("ipfskit_test_seen_total 5.0"), scrape());
        metrics.removeBinder(binder);
        assertFalse(scrape().contains("ipfskit_test_seen"), scrape());
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] type = new String[1];
        metrics.execute(new RpcRequest(PrometheusMetrics.COMMAND, List.of(), Map.of(), new ByteArrayInputStream(new byte[0]), ""),
                new RpcResponse() {
                    @Override
                    public void json(Object value) {
                        throw new AssertionError("the scrape is text");
                    }

                    @Override
                    public JsonStream jsonStream() {
                        throw new AssertionError("the scrape is text");
                    }

                    @Override
                    public OutputStream bytes(String contentType) {
                        type[0] = contentType;
                        return body;
                    }
                });
        assertEquals(PrometheusMetrics.CONTENT_TYPE, type[0]);
        return body.toString(StandardCharsets.UTF_8);
    }
}
