package io.ipfskit.metrics;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.metrics.Counter;
import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.api.metrics.Timer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The node's {@link Metrics} on one Micrometer {@link PrometheusMeterRegistry}, and the RPC listener's
 * {@code /debug/metrics/prometheus} (kubo's path; also {@code POST /api/v0/debug/metrics/prometheus}): the Prometheus
 * text of every meter. Each {@link MeterBinder} service is bound to it while both are there. Closing the component
 * closes the registry, so the meters go with this bundle.
 */
@Component(service = {Metrics.class, RpcCommand.class}, property = RpcCommand.NAME + "=" + PrometheusMetrics.COMMAND)
public final class PrometheusMetrics implements Metrics, RpcCommand {

    /** The command the RPC listener serves at {@code GET /debug/metrics/prometheus}. */
    public static final String COMMAND = "debug/metrics/prometheus";
    /** The Prometheus text format's content type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<MeterBinder, List<Meter>> bound = new ConcurrentHashMap<>();
    /** The suppliers of the function counters, held strongly while their counter is registered. */
    private final Map<io.micrometer.core.instrument.Meter.Id, LongSupplier> held = new ConcurrentHashMap<>();

    /** Registers the binder's meters. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBinder(MeterBinder binder) {
        bound.put(binder, binder.bind(this));
    }

    /** Removes the binder's meters. */
    void removeBinder(MeterBinder binder) {
        List<Meter> meters = bound.remove(binder);
        if (meters != null) {
            meters.forEach(Meter::close);
        }
    }

    @Override
    public Counter counter(String name, String description, String... tags) {
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name)
                .description(description).tags(tags).register(registry);
        return new Counter() {
            @Override
            public void increment(long amount) {
                counter.increment(amount);
            }

            @Override
            public void close() {
                registry.remove(counter);
            }
        };
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name)
                .description(description).tags(tags).register(registry);
        return new Timer() {
            @Override
            public void record(java.time.Duration duration) {
                timer.record(duration);
            }

            @Override
            public void close() {
                registry.remove(timer);
            }
        };
    }

    @Override
    public Meter counter(String name, String description, LongSupplier total, String... tags) {
        FunctionCounter counter = FunctionCounter.builder(name, total, t -> t.getAsLong())
                .description(description).tags(tags).register(registry);
        // Micrometer holds a function counter's object weakly: a lambda nobody else holds would read 0 after a GC.
        held.put(counter.getId(), total);
        return () -> {
            registry.remove(counter);
            held.remove(counter.getId(), total);
        };
    }

    @Override
    public Meter gauge(String name, String description, DoubleSupplier value, String... tags) {
        Gauge gauge = Gauge.builder(name, value, DoubleSupplier::getAsDouble).strongReference(true)
                .description(description).tags(tags).register(registry);
        return () -> registry.remove(gauge);
    }

    /** Writes the Prometheus text of every meter. */
    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        try (OutputStream out = response.bytes(CONTENT_TYPE)) {
            registry.scrape(out);
        }
    }

    @Deactivate
    void close() {
        registry.close();
    }
}
