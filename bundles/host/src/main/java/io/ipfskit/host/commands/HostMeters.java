package io.ipfskit.host.commands;

import io.ipfskit.api.metrics.Counter;
import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The host's meters: open connections by direction and open streams (read at each scrape), and connections opened and
 * closed since the meters were bound (counted from the host's events).
 */
@Component
public final class HostMeters implements MeterBinder {

    private final Host host;

    /** Reads and follows the host. */
    @Activate
    public HostMeters(@Reference Host host) {
        this.host = host;
    }

    @Override
    public List<Meter> bind(Metrics metrics) {
        Counter opened = metrics.counter("ipfskit.host.connections.opened", "connections opened");
        Counter closed = metrics.counter("ipfskit.host.connections.closed", "connections closed");
        AutoCloseable subscription = host.subscribe(new HostListener() {
            @Override
            public void connected(Connection connection) {
                opened.increment();
            }

            @Override
            public void disconnected(Connection connection) {
                closed.increment();
            }
        });
        return List.of(opened, closed, () -> {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the host subscription", e);
            }
        }, connections(metrics, Direction.INBOUND), connections(metrics, Direction.OUTBOUND),
                metrics.gauge("ipfskit.host.streams", "open streams over every connection",
                        () -> host.connections().stream().mapToInt(Connection::streamCount).sum()));
    }

    private Meter connections(Metrics metrics, Direction direction) {
        return metrics.gauge("ipfskit.host.connections", "open connections", () -> host.connections().stream()
                .filter(c -> c.direction() == direction).count(), "direction", direction.name().toLowerCase(java.util.Locale.ROOT));
    }
}
